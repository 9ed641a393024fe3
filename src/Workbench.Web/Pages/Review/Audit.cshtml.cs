using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Review;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Review;

/// <summary>The project's audit trail for reviewers and admins: every operation and comment, filtered, paged, downloadable.</summary>
public sealed class AuditModel(WorkbenchDbContext db, ProjectAccess access) : ProjectPageModel(db, access)
{
    public static readonly string[] CsvHeader = ["Time (UTC)", "Member", "Page", "Article", "Kind", "Description", "Comments"];

    [BindProperty(SupportsGet = true)]
    public string? Member { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageId")]
    public int? PageFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Article { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => ListPages.Count(Total, AuditTrail.PageSize);

    public IReadOnlyList<MemberName> Members { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Pages { get; private set; } = [];

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    private AuditFilter Filter => new(Member, PageFilter, Article, Kind, From, To);

    public async Task<IActionResult> OnGetAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Reviewer) is { } refused)
        {
            return refused;
        }

        PageNumber = Math.Max(1, PageNumber);
        (Entries, Total) = await AuditTrail.ListAsync(Db, projectId, Filter, (PageNumber - 1) * AuditTrail.PageSize, AuditTrail.PageSize);
        Members = await UserNames.MembersAsync(Db, projectId);
        Pages = (await Db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.SourceName).Select(p => new { p.Id, p.SourceName }).ToListAsync())
            .Select(p => (p.Id, p.SourceName)).ToList();
        Kinds = [.. await AuditTrail.KindsAsync(Db, projectId), AuditTrail.CommentKind];
        return Page();
    }

    /// <summary>The same entries as the page, with the same filters, every page of them.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Reviewer) is { } refused)
        {
            return refused;
        }

        var (entries, _) = await AuditTrail.ListAsync(Db, projectId, Filter, 0, AuditTrail.MaxExport);
        var rows = entries.Select(e => (IReadOnlyList<string?>)
        [
            e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.AuthorName, e.PageName,
            e.ArticleKey?.ToString(CultureInfo.InvariantCulture), e.Kind, e.Description, string.Join(" | ", e.Comments),
        ]);
        var name = $"audit-project-{projectId}-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv";
        return File(Csv.Encode(rows.Prepend(CsvHeader)), "text/csv; charset=utf-8", name);
    }

    /// <summary>A link to this view with other page number or format, keeping the filters.</summary>
    public string Link(int number, string? handler = null) =>
        Url.Page("/Review/Audit", handler, new { projectId = ProjectId, Member, pageId = PageFilter, Article, Kind, From, To, p = handler is null ? number : (int?)null })!;
}
