using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Localization;
using Workbench.Web.Review;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Review;

/// <summary>Reviewers and admins hand pages or single articles to members; every assignment goes through the edit path.</summary>
public sealed class AssignModel(WorkbenchDbContext db, ProjectAccess access, PageEditService edits) : ProjectPageModel(db, access)
{
    private const string MessageKey = "assign-message";

    public IReadOnlyList<MemberName> Members { get; private set; } = [];

    public IReadOnlyList<PageGroup> Pages { get; private set; } = [];

    [TempData(Key = MessageKey)]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int projectId) => await LoadAsync(projectId) ?? Page();

    public async Task<IActionResult> OnPostPageAsync(int projectId, int pageId, string? assigneeId)
    {
        if (await LoadAsync(projectId) is { } refused)
        {
            return refused;
        }

        var page = Pages.FirstOrDefault(p => p.Id == pageId);
        if (page is null)
        {
            return NotFound();
        }

        (assigneeId, Error) = ReadAssignee(assigneeId);
        if (Error is not null)
        {
            return Page();
        }

        var changes = page.Articles.Where(a => a.AssigneeId != assigneeId).Select(a => (PageOperation)new Assign(a.Key, assigneeId)).ToList();
        if (changes.Count == 0)
        {
            Message = assigneeId is null
                ? this.Text()["Every article of {0} is already unassigned.", page.SourceName]
                : this.Text()["Every article of {0} is already assigned to {1}.", page.SourceName, NameOf(assigneeId)];
            return RedirectToPage(new { projectId });
        }

        var outcome = await ApplyAsync(edits, pageId, changes.Count == 1 ? changes[0] : new Batch(changes));
        return Done(projectId, outcome, assigneeId is null
            ? this.Text()["{0} article(s) of {1} unassigned.", changes.Count, page.SourceName]
            : this.Text()["{0} article(s) of {1} assigned to {2}.", changes.Count, page.SourceName, NameOf(assigneeId)]);
    }

    public async Task<IActionResult> OnPostArticleAsync(int projectId, int pageId, int articleKey, string? assigneeId)
    {
        if (await LoadAsync(projectId) is { } refused)
        {
            return refused;
        }

        var article = Pages.FirstOrDefault(p => p.Id == pageId)?.Articles.FirstOrDefault(a => a.Key == articleKey);
        if (article is null)
        {
            return NotFound();
        }

        (assigneeId, Error) = ReadAssignee(assigneeId);
        if (Error is not null)
        {
            return Page();
        }

        var outcome = await ApplyAsync(edits, pageId, new Assign(articleKey, assigneeId));
        return Done(projectId, outcome, assigneeId is null
            ? this.Text()["Article {0} ({1}) unassigned.", articleKey, article.Title]
            : this.Text()["Article {0} ({1}) assigned to {2}.", articleKey, article.Title, NameOf(assigneeId)]);
    }

    public string NameOf(string? userId) => userId is null ? this.Text()["nobody"] : Members.FirstOrDefault(m => m.UserId == userId)?.DisplayName ?? this.Text()["a former member"];

    private IActionResult Done(int projectId, ApplyOutcome outcome, string success)
    {
        if (!outcome.Accepted)
        {
            Error = outcome.Reason;
            Response.StatusCode = outcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
            return Page();
        }

        Message = success;
        return RedirectToPage(new { projectId });
    }

    private async Task<IActionResult?> LoadAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Reviewer) is { } refused)
        {
            return refused;
        }

        Members = await UserNames.MembersAsync(Db, projectId);
        var pages = await Db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId)
            .OrderBy(p => p.Publication).ThenBy(p => p.IssueDate).ThenBy(p => p.PageNumber).ThenBy(p => p.SourceName)
            .Select(p => new { p.Id, p.SourceName, p.Publication, p.IssueDate })
            .ToListAsync();
        var articles = (await Db.Articles.AsNoTracking().Where(a => Db.Pages.Any(p => p.Id == a.PageId && p.ProjectId == projectId))
            .OrderBy(a => a.Ordinal)
            .Select(a => new ArticleRow(a.PageId, a.Key, a.Title, a.Status, a.AssigneeId))
            .ToListAsync()).ToLookup(a => a.PageId);
        Pages = pages.Select(p => new PageGroup(p.Id, p.SourceName, p.Publication, p.IssueDate, articles[p.Id].ToList())).ToList();
        return null;
    }

    public sealed record ArticleRow(int PageId, int Key, string Title, ArticleStatus Status, string? AssigneeId);

    public sealed record PageGroup(int Id, string SourceName, string? Publication, DateOnly? IssueDate, IReadOnlyList<ArticleRow> Articles);

    /// <summary>The chosen member's id (null for “nobody”), or why the choice cannot be used.</summary>
    private (string? AssigneeId, string? Error) ReadAssignee(string? chosen)
    {
        if (string.IsNullOrEmpty(chosen))
        {
            return (null, this.Text()["Choose the member to assign to (or “nobody” to unassign)."]);
        }

        var assigneeId = chosen == Display.Nobody ? null : chosen;
        return assigneeId is not null && Members.All(m => m.UserId != assigneeId)
            ? (null, this.Text()["That user is not a member of this project."])
            : (assigneeId, null);
    }
}
