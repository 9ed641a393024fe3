using Microsoft.AspNetCore.Mvc;
using Workbench.Web.Data;
using Workbench.Web.Review;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Review;

/// <summary>Where the project stands: statuses, entities, corrections, each member's activity, progress towards all approved.</summary>
public sealed class DashboardModel(WorkbenchDbContext db, ProjectAccess access, TimeProvider clock) : ProjectPageModel(db, access)
{
    public DashboardFigures Figures { get; private set; } = null!;

    /// <summary>Independent mode: the project's α (one number for everyone); null in shared mode.</summary>
    public DashboardAgreement? Agreement { get; private set; }

    public async Task<IActionResult> OnGetAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Annotator) is { } refused)
        {
            return refused;
        }

        Figures = await ProjectDashboard.LoadAsync(Db, projectId, clock.GetUtcNow());
        Agreement = await DashboardAgreement.LoadAsync(Db, projectId, HttpContext.RequestAborted);
        return Page();
    }
}
