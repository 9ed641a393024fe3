using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;

namespace Workbench.Web.Security;

/// <summary>Project membership checks, for PageModels, the hub and HTTP endpoints alike.</summary>
public sealed class ProjectAccess(WorkbenchDbContext db)
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The user's role in the project, or null when they are not a member.</summary>
    public async Task<ProjectRole?> RoleAsync(string? userId, int projectId, CancellationToken cancellationToken = default)
    {
        if (userId is null)
        {
            return null;
        }

        var member = await db.ProjectMembers.AsNoTracking()
            .Where(m => m.ProjectId == projectId && m.UserId == userId)
            .Select(m => (ProjectRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);
        return member;
    }

    /// <summary>The project of a page and the user's role in it; null role when not a member, null project when no such page.</summary>
    public async Task<(int? ProjectId, ProjectRole? Role)> RoleForPageAsync(string? userId, int pageId, CancellationToken cancellationToken = default)
    {
        var projectId = await db.Pages.AsNoTracking().Where(p => p.Id == pageId).Select(p => (int?)p.ProjectId).FirstOrDefaultAsync(cancellationToken);
        if (projectId is null)
        {
            return (null, null);
        }

        return (projectId, await RoleAsync(userId, projectId.Value, cancellationToken));
    }

    public Task<bool> ProjectExistsAsync(int projectId, CancellationToken cancellationToken = default) =>
        db.Projects.AsNoTracking().AnyAsync(p => p.Id == projectId, cancellationToken);

    public static bool Allows(ProjectRole? role, ProjectRole needed) => role is not null && role.Value >= needed;
}
