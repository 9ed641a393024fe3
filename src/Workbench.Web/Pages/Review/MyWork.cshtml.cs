using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Review;

/// <summary>
/// The articles assigned to the current user, and the ones they submitted that wait for review (whoever they are assigned
/// to, or none), grouped by status.
/// </summary>
public sealed class MyWorkModel(WorkbenchDbContext db, ProjectAccess access) : ProjectPageModel(db, access)
{
    /// <summary>Rows shown per status; a status with more gets list pages of its own (?status=…&amp;p=…).</summary>
    public const int GroupSize = 50;

    public IReadOnlyList<WorkGroup> Groups { get; private set; } = [];

    /// <summary>The status whose rows are paged through, from ?status=; the others show their first rows.</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public ArticleStatus? PagedStatus { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Annotator) is { } refused)
        {
            return refused;
        }

        // Counted per status in SQL, and only a list page of each status read: an annotator with 50,000 assigned
        // articles gets the same small page as one with five.
        var me = UserId;
        // An article submitted by the user waits for review under its submitter even when no one assigned it to them.
        var mine = Db.Articles.AsNoTracking()
            .Where(a => a.AssigneeId == me || (a.Status == ArticleStatus.Submitted && a.SubmittedBy == me))
            .Join(Db.Pages.Where(p => p.ProjectId == projectId), a => a.PageId, p => p.Id, (a, p) => new { a, p });
        var counts = await mine.GroupBy(x => x.a.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync();
        var groups = new List<WorkGroup>();
        foreach (var (status, count) in counts.Select(c => (c.Status, c.Count)).OrderBy(c => Order(c.Status)))
        {
            var pages = ListPages.Count(count, GroupSize);
            var page = status == PagedStatus ? Math.Clamp(PageNumber, 1, pages) : 1;
            var rows = await mine.Where(x => x.a.Status == status)
                .OrderBy(x => x.p.Publication).ThenBy(x => x.p.IssueDate).ThenBy(x => x.p.PageNumber).ThenBy(x => x.p.SourceName).ThenBy(x => x.a.Ordinal)
                .Skip((page - 1) * GroupSize).Take(GroupSize)
                .Select(x => new WorkRow(x.p.Id, x.p.SourceName, x.p.Publication, x.p.IssueDate, x.p.PageNumber, x.a.Key, x.a.Ordinal, x.a.Title, x.a.Status))
                .ToListAsync();
            groups.Add(new WorkGroup(status, count, page, pages, rows));
        }

        Groups = groups;
        return Page();
    }

    /// <summary>What needs the annotator first: sent back, then under way, then not started, then waiting, then done.</summary>
    private static int Order(ArticleStatus status) => status switch
    {
        ArticleStatus.ChangesRequested => 0,
        ArticleStatus.InProgress => 1,
        ArticleStatus.Draft => 2,
        ArticleStatus.Submitted => 3,
        _ => 4,
    };

    public sealed record WorkGroup(ArticleStatus Status, int Count, int PageNumber, int PageCount, IReadOnlyList<WorkRow> Rows);

    public sealed record WorkRow(int PageId, string SourceName, string? Publication, DateOnly? IssueDate, int? PageNumber, int Key, int Ordinal, string Title, ArticleStatus Status);
}
