using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Projects;

/// <remarks>An upload may hold many pages with their scans, so its size limit is well above one file's.</remarks>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class DetailsModel(WorkbenchDbContext db, ProjectAccess access, PageImporter importer, FileImporter fileImporter, UploadOutcomes uploads) : PageModel
{
    private const long MaxUploadBytes = 1024L * 1024 * 1024;

    public int ProjectId { get; private set; }

    public string ProjectName { get; private set; } = "";

    public ProjectRole Role { get; private set; }

    public const int PageSize = 50;

    public IReadOnlyList<PageRow> Pages { get; private set; } = [];

    /// <summary>The page of the list shown (1-based), from ?p=.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>All pages of the project (the list shows <see cref="PageSize"/> at a time).</summary>
    public int Total { get; private set; }

    public int PageCount => ListPages.Count(Total, PageSize);

    /// <summary>The numbers of the list pages to link: first, last, and two either side of the current one (0 = a gap).</summary>
    public IReadOnlyList<int> PageLinks()
    {
        var shown = new SortedSet<int> { 1, PageCount };
        for (var n = PageNumber - 2; n <= PageNumber + 2; n++)
        {
            if (n >= 1 && n <= PageCount)
            {
                shown.Add(n);
            }
        }

        var links = new List<int>();
        foreach (var n in shown)
        {
            if (links.Count > 0 && n > links[^1] + 1)
            {
                links.Add(0);
            }

            links.Add(n);
        }

        return links;
    }

    public IReadOnlyList<ImportOutcome> Outcomes { get; private set; } = [];

    /// <summary>The token of an upload's outcomes (see <see cref="UploadOutcomes"/>), from ?outcomes=.</summary>
    [BindProperty(SupportsGet = true, Name = "outcomes")]
    public string? OutcomesToken { get; set; }

    public async Task<IActionResult> OnGetAsync(int projectId)
    {
        var role = await access.RoleAsync(ProjectAccess.UserId(User), projectId);
        var name = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).FirstOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }

        if (role is null)
        {
            return Forbid();
        }

        ProjectId = projectId;
        ProjectName = name;
        Role = role.Value;
        // One page of pages, in SQL: the index on (ProjectId, Publication, IssueDate, PageNumber, SourceName) gives the
        // order without sorting the project, and the line and status counts are aggregated for these rows only.
        var inProject = db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId);
        Total = await inProject.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var pages = await inProject
            .OrderBy(p => p.Publication).ThenBy(p => p.IssueDate).ThenBy(p => p.PageNumber).ThenBy(p => p.SourceName).ThenBy(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new { p.Id, p.SourceName, p.Publication, p.IssueDate, p.PageNumber, p.ImportedAt, p.Version })
            .ToListAsync();
        var ids = pages.Select(p => p.Id).ToList();
        var lines = await db.Lines.AsNoTracking().Where(l => ids.Contains(l.PageId))
            .GroupBy(l => l.PageId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        var statuses = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.PageId))
            .GroupBy(a => new { a.PageId, a.Status }).Select(g => new { g.Key.PageId, g.Key.Status, Count = g.Count() })
            .ToListAsync();
        var byPage = statuses.ToLookup(s => s.PageId);
        Pages = pages.Select(p => new PageRow(
            p.Id, p.SourceName, p.Publication, p.IssueDate, p.PageNumber, lines.GetValueOrDefault(p.Id), byPage[p.Id].Sum(s => s.Count),
            byPage[p.Id].OrderBy(s => s.Status).Select(s => (s.Status, s.Count)).ToList(),
            p.ImportedAt, p.Version)).ToList();
        Outcomes = await uploads.LoadAsync(ProjectAccess.UserId(User), OutcomesToken);

        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(int projectId, List<IFormFile> files, string? encoding)
    {
        var role = await access.RoleAsync(ProjectAccess.UserId(User), projectId);
        if (!ProjectAccess.Allows(role, ProjectRole.Admin))
        {
            return Forbid();
        }

        var outcomes = new List<ImportOutcome>();
        var textEncoding = TextEncodings.Parse(encoding) ?? TextEncoding.Utf8;
        if (files.Count == 0)
        {
            outcomes.Add(new ImportOutcome("", ImportStatus.Rejected, ImportMessages.ChoosePages));
        }

        // Images pair with the OCR files of the same upload (same base name, or the file the OCR names); the rest attach to the
        // project's pages of the same base name.
        var pages = new List<(string Name, byte[] Bytes)>();
        var images = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName);
            if (UploadNames.Refusal(name) is { } badName)
            {
                outcomes.Add(new ImportOutcome(UploadNames.Visible(name), ImportStatus.Rejected, badName));
                continue;
            }

            var isImage = PageImageStore.IsImageName(name);
            if (isImage && file.Length > PageImageStore.MaxBytes)
            {
                outcomes.Add(new ImportOutcome(name, ImportStatus.Rejected, $"{name}: {ImageMessages.TooLarge(PageImageStore.MaxBytes)}"));
                continue;
            }

            if (!isImage && file.Length > PageReader.MaxBytes)
            {
                outcomes.Add(new ImportOutcome(name, ImportStatus.Rejected, ImportMessages.TooLarge(name)));
                continue;
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            if (isImage)
            {
                images[name] = buffer.ToArray();
            }
            else
            {
                pages.Add((name, buffer.ToArray()));
            }
        }

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // The same path as the CLI: the content decides what each file is (a page, or annotations imported as draft).
        var lookup = ImageLookups.InUpload(images, used);
        foreach (var result in await fileImporter.ImportManyAsync(projectId, [.. pages.Select(p => new PageFile(p.Name, p.Bytes, lookup))], ImportFormats.Auto, Core.Editing.ArticleStatus.Draft, textEncoding))
        {
            outcomes.AddRange(result.Outcomes);
        }

        foreach (var (name, bytes) in images.Where(i => !used.Contains(i.Key)))
        {
            outcomes.AddRange(await importer.AttachImageAsync(projectId, name, bytes));
        }

        return RedirectToPage(new { projectId, outcomes = await uploads.SaveAsync(ProjectAccess.UserId(User)!, outcomes) });
    }

    public sealed record PageRow(int Id, string SourceName, string? Publication, DateOnly? IssueDate, int? PageNumber, int Lines, int Articles, IReadOnlyList<(ArticleStatus Status, int Count)> ByStatus, DateTimeOffset ImportedAt, int Version);
}
