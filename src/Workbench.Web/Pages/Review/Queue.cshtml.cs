using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Review;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Review;

/// <summary>The review queue: submitted articles, oldest submission first, for reviewers and admins.</summary>
public sealed class QueueModel(WorkbenchDbContext db, ProjectAccess access) : ProjectPageModel(db, access)
{
    [BindProperty(SupportsGet = true)]
    public string? Publication { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Annotator { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Label { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => ListPages.Count(Total, ReviewQueue.PageSize);

    public IReadOnlyList<string> Publications { get; private set; } = [];

    public IReadOnlyList<MemberName> Members { get; private set; } = [];

    public IReadOnlyList<Label> Labels { get; private set; } = [];

    public Dictionary<string, string> Names { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Reviewer) is { } refused)
        {
            return refused;
        }

        PageNumber = Math.Max(1, PageNumber);
        (Rows, Total) = await ReviewQueue.ListAsync(Db, projectId, new QueueFilter(Publication, From, To, Annotator, Label), PageNumber);
        Publications = await ReviewQueue.PublicationsAsync(Db, projectId);
        Members = await UserNames.MembersAsync(Db, projectId);
        Labels = await Db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).ThenBy(l => l.Id).ToListAsync();
        Names = await UserNames.ForAsync(Db, Rows.SelectMany(r => new[] { r.SubmitterId, r.AssigneeId }));
        return Page();
    }

    public string NameOf(string? userId) => userId is null ? "—" : Names.GetValueOrDefault(userId, userId);

    /// <summary>The link to another page of results, keeping the filters.</summary>
    public string PageLink(int number) => Url.Page("/Review/Queue", new { projectId = ProjectId, Publication, From, To, Annotator, Label, p = number })!;
}
