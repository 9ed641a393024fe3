using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Projects;

public sealed class DetailsModel(WorkbenchDbContext db, ProjectAccess access, PageImporter importer) : PageModel
{
    private const string OutcomesKey = "import-outcomes";

    public int ProjectId { get; private set; }

    public string ProjectName { get; private set; } = "";

    public ProjectRole Role { get; private set; }

    public IReadOnlyList<PageRow> Pages { get; private set; } = [];

    public IReadOnlyList<ImportOutcome> Outcomes { get; private set; } = [];

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
        var pages = await db.Pages.AsNoTracking()
            .Where(p => p.ProjectId == projectId)
            .OrderBy(p => p.Publication).ThenBy(p => p.IssueDate).ThenBy(p => p.PageNumber).ThenBy(p => p.SourceName)
            .Select(p => new
            {
                p.Id, p.SourceName, p.Publication, p.IssueDate, p.PageNumber, p.ImportedAt, p.Version,
                Lines = p.Lines.Count,
                Statuses = p.Articles.Select(a => a.Status).ToList(),
            })
            .ToListAsync();
        Pages = pages.Select(p => new PageRow(
            p.Id, p.SourceName, p.Publication, p.IssueDate, p.PageNumber, p.Lines, p.Statuses.Count,
            p.Statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList(),
            p.ImportedAt, p.Version)).ToList();
        if (TempData[OutcomesKey] is string json)
        {
            Outcomes = JsonSerializer.Deserialize<List<ImportOutcome>>(json) ?? [];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(int projectId, List<IFormFile> files)
    {
        var role = await access.RoleAsync(ProjectAccess.UserId(User), projectId);
        if (!ProjectAccess.Allows(role, ProjectRole.Admin))
        {
            return Forbid();
        }

        var outcomes = new List<ImportOutcome>();
        if (files.Count == 0)
        {
            outcomes.Add(new ImportOutcome("", ImportStatus.Rejected, ImportMessages.ChoosePages));
        }

        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName);
            if (file.Length > PageReader.MaxBytes)
            {
                outcomes.Add(new ImportOutcome(name, ImportStatus.Rejected, ImportMessages.TooLarge(name)));
                continue;
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            outcomes.Add(await importer.ImportAsync(projectId, name, buffer.ToArray()));
        }

        TempData[OutcomesKey] = JsonSerializer.Serialize(outcomes);
        return RedirectToPage(new { projectId });
    }

    public sealed record PageRow(int Id, string SourceName, string? Publication, DateOnly? IssueDate, int? PageNumber, int Lines, int Articles, IReadOnlyList<(ArticleStatus Status, int Count)> ByStatus, DateTimeOffset ImportedAt, int Version);
}
