using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;

namespace Workbench.Web.Review;

/// <summary>How users read in lists: the display name, else the user name.</summary>
public static class UserNames
{
    public static async Task<Dictionary<string, string>> ForAsync(WorkbenchDbContext db, IEnumerable<string?> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.UserName ?? u.Id, cancellationToken);
    }

    /// <summary>The project's members with their names and roles, admins first.</summary>
    public static async Task<IReadOnlyList<MemberName>> MembersAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken = default)
    {
        var members = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId)
            .Select(m => new MemberName(m.UserId, m.User!.UserName ?? m.UserId, m.User.DisplayName ?? m.User.UserName ?? m.UserId, m.Role))
            .ToListAsync(cancellationToken);
        return members.OrderByDescending(m => m.Role).ThenBy(m => m.UserName, StringComparer.OrdinalIgnoreCase).ToList();
    }
}

public sealed record MemberName(string UserId, string UserName, string DisplayName, ProjectRole Role);
