using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Editor;

public sealed class HistoryModel(WorkbenchDbContext db, ProjectAccess access, PageStateCache cache) : PageModel
{
    private const int PageSize = 100;

    public int PageId { get; private set; }

    public int ProjectId { get; private set; }

    public string ProjectName { get; private set; } = "";

    public string SourceName { get; private set; } = "";

    public int Version { get; private set; }

    public IReadOnlyList<LoggedOperation> Operations { get; private set; } = [];

    /// <summary>Where the next (older) page of history starts, when there is one.</summary>
    public int? Older { get; private set; }

    public async Task<IActionResult> OnGetAsync(int pageId, int? before, CancellationToken cancellationToken)
    {
        var (projectId, role) = await access.RoleForPageAsync(ProjectAccess.UserId(User), pageId, cancellationToken);
        if (projectId is null)
        {
            return NotFound();
        }

        if (role is null)
        {
            return Forbid();
        }

        var page = await db.Pages.AsNoTracking().Where(p => p.Id == pageId)
            .Select(p => new { p.SourceName, p.Version, ProjectName = p.Project!.Name }).FirstAsync(cancellationToken);
        (PageId, ProjectId, ProjectName, SourceName, Version) = (pageId, projectId.Value, page.ProjectName, page.SourceName, page.Version);
        var upTo = Math.Min(before ?? int.MaxValue, page.Version + 1);
        var from = Math.Max(0, upTo - 1 - PageSize);
        var reader = await LayerPolicy.ReaderAsync(db, cache, projectId.Value, pageId, ProjectAccess.UserId(User)!, role.Value, cancellationToken);
        Operations = (await OperationLog.AfterAsync(db, pageId, from, upTo - 1 - from, reader, cancellationToken)).Reverse().ToList();
        Older = from > 0 ? from + 1 : null;
        return Page();
    }
}
