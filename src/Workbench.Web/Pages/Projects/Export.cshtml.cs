using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Workbench.Core.Editing;
using Workbench.Core.Export;
using Workbench.Core.Pages;
using Workbench.Web.Data;
using Workbench.Web.Localization;
using Workbench.Web.Export;
using Workbench.Web.Import;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Projects;

/// <summary>
/// Export for training (any member may download: approved articles are the project's published result, and members
/// see every article in the editor anyway) and import of annotation files (admins, like page uploads).
/// </summary>
public sealed class ExportModel(WorkbenchDbContext db, ProjectAccess access, FileImporter importer, UploadOutcomes uploads) : ProjectPageModel(db, access)
{
    /// <summary>The token of an upload's outcomes (see <see cref="UploadOutcomes"/>), from ?outcomes=.</summary>
    [BindProperty(SupportsGet = true, Name = "outcomes")]
    public string? OutcomesToken { get; set; }

    public string? Error { get; private set; }

    public int ApprovedArticles { get; private set; }

    public int AllArticles { get; private set; }

    /// <summary>Entities of approved articles by label (an entity belongs to the article holding its first line).</summary>
    public IReadOnlyList<(string Label, int Count)> ApprovedEntities { get; private set; } = [];

    public IReadOnlyDictionary<string, string> LabelColors { get; private set; } = new Dictionary<string, string>();

    /// <summary>Each label's per-project display name (PER → 人名); exports carry the name.</summary>
    public IReadOnlyDictionary<string, string> LabelNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<ImportOutcome> Outcomes { get; private set; } = [];

    [BindProperty]
    public string Format { get; set; } = ExportFormats.NerJsonl;

    [BindProperty]
    public string Status { get; set; } = ProjectExport.StatusApproved;

    /// <summary>None by default, as in the CLI: one file with every article; a split is a choice about evaluation.</summary>
    [BindProperty]
    public string Split { get; set; } = "none";

    /// <summary>The user saw that a split would be empty and downloads anyway.</summary>
    [BindProperty]
    public bool ConfirmEmpty { get; set; }

    /// <summary>Set when the chosen split would leave a split empty: each split's article count, shown before downloading.</summary>
    public IReadOnlyList<(string Split, int Articles)>? EmptySplitWarning { get; private set; }

    [BindProperty]
    public string Seed { get; set; } = "0";

    public async Task<IActionResult> OnGetAsync(int projectId)
    {
        if (await LoadAsync(projectId, ProjectRole.Annotator) is { } refused)
        {
            return refused;
        }

        Outcomes = await uploads.LoadAsync(UserId, OutcomesToken);

        return Page();
    }

    public async Task<IActionResult> OnPostDownloadAsync(int projectId)
    {
        if (await LoadAsync(projectId, ProjectRole.Annotator) is { } refused)
        {
            return refused;
        }

        SplitRatios? ratios = null;
        if (!ExportFormats.All.Contains(Format))
        {
            Error = this.Text()["Choose one of the formats {0}.", string.Join(", ", ExportFormats.All)];
        }
        else if (Status is not (ProjectExport.StatusApproved or ProjectExport.StatusAll))
        {
            Error = this.Text()["Choose approved or all articles."];
        }
        else
        {
            try
            {
                ratios = SplitRatios.Parse(Split);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                Error = this.Text()["The split “{0}” is not valid: write ratios such as 80/10/10 or 90/10, or none.", Split ?? ""];
            }
        }

        if (Error is not null)
        {
            return Page();
        }

        if (ratios is not null && !ConfirmEmpty)
        {
            var preview = await ProjectExport.SplitPreviewAsync(Db, projectId, Status, ratios, string.IsNullOrWhiteSpace(Seed) ? "0" : Seed.Trim(), Format, HttpContext.RequestAborted);
            if (preview.Any(p => p.Articles == 0))
            {
                EmptySplitWarning = preview;
                return Page();
            }
        }

        var options = new ExportOptions(Format)
        {
            Split = ratios,
            Seed = string.IsNullOrWhiteSpace(Seed) ? "0" : Seed.Trim(),
            Project = ProjectName,
            Filters = new Dictionary<string, string> { ["status"] = Status },
            Agreement = await Agreement.ProjectAgreement.ExportSourceAsync(Db, projectId, HttpContext.RequestAborted),
        };
        var fileName = ExportZip.DownloadName(ProjectName, projectId, Format);
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = AsciiName(fileName),
            FileNameStar = fileName,
        }.ToString();

        // The exporter and ZipArchive write synchronously; this request may block its thread while it streams.
        if (HttpContext.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        var cancellationToken = HttpContext.RequestAborted;
        ExportZip.Write(Response.Body, () => ProjectExport.Articles(Db, projectId, Status, options.Counters, ExportFormats.KeepsPartsOnTheirPages(Format), cancellationToken), options);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostUploadAsync(int projectId, List<IFormFile> files, string? annotationFormat, string? annotationStatus)
    {
        if (await LoadAsync(projectId, ProjectRole.Admin) is { } refused)
        {
            return refused;
        }

        var outcomes = new List<ImportOutcome>();
        var format = annotationFormat ?? ImportFormats.Auto;
        if (format != ImportFormats.Auto && !ImportFormats.AnnotationFormats.Contains(format))
        {
            outcomes.Add(new ImportOutcome("", ImportStatus.Rejected, ImportMessages.UnknownAnnotationFormat(format)));
            files = [];
        }
        else if (files.Count == 0)
        {
            outcomes.Add(new ImportOutcome("", ImportStatus.Rejected, ImportMessages.ChooseAnnotations));
        }

        var status = annotationStatus == "approved" ? ArticleStatus.Approved : ArticleStatus.Draft;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName);
            if (UploadNames.Refusal(name) is { } badName)
            {
                outcomes.Add(new ImportOutcome(UploadNames.Visible(name), ImportStatus.Rejected, badName));
                continue;
            }

            if (file.Length > PageReader.MaxBytes)
            {
                outcomes.Add(new ImportOutcome(name, ImportStatus.Rejected, ImportMessages.TooLarge(name)));
                continue;
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            // The same path as the CLI: with "detect", the content decides (a page file uploaded here is imported as a page).
            var result = await importer.ImportAsync(projectId, name, buffer.ToArray(), format, status, lookup: null);
            outcomes.AddRange(result.Outcomes);
        }

        return RedirectToPage(new { projectId, outcomes = await uploads.SaveAsync(UserId!, outcomes) });
    }

    private static string AsciiName(string name)
    {
        var ascii = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            ascii.Append(c is >= ' ' and < '\u007f' and not '"' and not '\\' ? c : '_');
        }

        return ascii.ToString();
    }

    private async Task<IActionResult?> LoadAsync(int projectId, ProjectRole needed)
    {
        if (await EnterAsync(projectId, needed) is { } refused)
        {
            return refused;
        }

        var articles = Db.Articles.Where(a => Db.Pages.Any(p => p.Id == a.PageId && p.ProjectId == projectId));
        AllArticles = await articles.CountAsync();
        ApprovedArticles = await articles.CountAsync(a => a.Status == ArticleStatus.Approved);
        var approvedBlocks =
            from b in Db.Blocks
            join a in articles on b.ArticleId equals a.Id
            where a.Status == ArticleStatus.Approved
            select new { a.PageId, b.FirstLine, b.LastLine };
        var counts = await Db.Entities
            .Where(e => approvedBlocks.Any(b => b.PageId == e.PageId && e.StartLine >= b.FirstLine && e.StartLine <= b.LastLine))
            .GroupBy(e => e.Label)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync();
        ApprovedEntities = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Count)).ToList();
        var labels = await Db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId).Select(l => new { l.Name, l.Color, l.DisplayName }).ToListAsync();
        LabelColors = labels.ToDictionary(l => l.Name, l => l.Color);
        LabelNames = labels.ToDictionary(l => l.Name, l => l.DisplayName);
        return null;
    }
}
