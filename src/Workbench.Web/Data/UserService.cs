using Microsoft.AspNetCore.Identity;
using Workbench.Core;

namespace Workbench.Web.Data;

public static class UserService
{
    private static readonly ResourceText Text = new("Workbench.Web.Resources.Data.UserMessages", typeof(UserService).Assembly);

    /// <summary>Creates a user or throws with Identity's reasons joined into one message.</summary>
    public static async Task<AppUser> CreateAsync(UserManager<AppUser> users, string name, string password)
    {
        var user = new AppUser { UserName = name, DisplayName = name, LockoutEnabled = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(Text.Format("CouldNotCreate", name, string.Join(" ", result.Errors.Select(e => e.Description))));
        }

        return user;
    }
}
