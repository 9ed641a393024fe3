using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Review;

/// <summary>The articles assigned to the current user, grouped by status.</summary>
public sealed class MyWorkModel(WorkbenchDbContext db, ProjectAccess access) : ProjectPageModel(db, access)
{
    public IReadOnlyList<IGrouping<ArticleStatus, WorkRow>> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Annotator) is { } refused)
        {
            return refused;
        }

        var me = UserId;
        var rows = await Db.Articles.AsNoTracking()
            .Where(a => a.AssigneeId == me)
            .Join(Db.Pages.Where(p => p.ProjectId == projectId), a => a.PageId, p => p.Id, (a, p) => new WorkRow(
                p.Id, p.SourceName, p.Publication, p.IssueDate, p.PageNumber, a.Key, a.Ordinal, a.Title, a.Status))
            .ToListAsync();
        Groups = rows
            .OrderBy(r => r.Publication).ThenBy(r => r.IssueDate).ThenBy(r => r.PageNumber).ThenBy(r => r.SourceName).ThenBy(r => r.Ordinal)
            .GroupBy(r => r.Status)
            .OrderBy(g => Order(g.Key))
            .ToList();
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

    public sealed record WorkRow(int PageId, string SourceName, string? Publication, DateOnly? IssueDate, int? PageNumber, int Key, int Ordinal, string Title, ArticleStatus Status);
}
