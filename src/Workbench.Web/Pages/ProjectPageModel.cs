using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Security;

namespace Workbench.Web.Pages;

/// <summary>A page of one project: loads the project's name and the user's role, or answers 404/403.</summary>
public abstract class ProjectPageModel(WorkbenchDbContext db, ProjectAccess access) : PageModel
{
    protected WorkbenchDbContext Db { get; } = db;

    public int ProjectId { get; private set; }

    public string ProjectName { get; private set; } = "";

    public ProjectRole Role { get; private set; }

    public string? UserId => ProjectAccess.UserId(User);

    public bool IsReviewer => Role >= ProjectRole.Reviewer;

    public bool IsAdmin => Role == ProjectRole.Admin;

    /// <summary>Null when the user may go on; else NotFound (no such project) or Forbid (not a member, or a lower role).</summary>
    protected async Task<IActionResult?> EnterAsync(int projectId, ProjectRole needed)
    {
        var name = await Db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).FirstOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }

        var role = await access.RoleAsync(UserId, projectId);
        if (!ProjectAccess.Allows(role, needed))
        {
            return Forbid();
        }

        (ProjectId, ProjectName, Role) = (projectId, name, role!.Value);
        return null;
    }

    /// <summary>Applies an operation through the one edit path, as the current user, on the page's current version.</summary>
    protected async Task<ApplyOutcome> ApplyAsync(PageEditService edits, int pageId, PageOperation operation, string? comment = null)
    {
        var version = await Db.Pages.Where(p => p.Id == pageId && p.ProjectId == ProjectId).Select(p => (int?)p.Version).FirstOrDefaultAsync();
        if (version is null)
        {
            return ApplyOutcome.Reject(0, EditMessages.Format(ServerMessages.NoSuchPage, pageId));
        }

        return (await edits.ApplyAsync(pageId, UserId!, User.Identity?.Name ?? UserId!, Role, version.Value, operation, comment)).Outcome;
    }
}
