using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Security;

namespace Workbench.Web.Pages;

public sealed class IndexModel(WorkbenchDbContext db) : PageModel
{
    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = ProjectAccess.UserId(User);
        Projects = await db.ProjectMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Project!.Name)
            .Select(m => new ProjectRow(
                m.ProjectId,
                m.Project!.Name,
                m.Role,
                m.Project.Pages.Count,
                m.Project.Pages.SelectMany(p => p.Articles).Count(),
                m.Project.Pages.SelectMany(p => p.Articles).Count(a => a.Status == ArticleStatus.Approved)))
            .ToListAsync();
    }

    public sealed record ProjectRow(int Id, string Name, ProjectRole Role, int Pages, int Articles, int Approved);
}
