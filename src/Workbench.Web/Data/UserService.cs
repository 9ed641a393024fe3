using Microsoft.AspNetCore.Identity;

namespace Workbench.Web.Data;

public static class UserService
{
    /// <summary>Creates a user or throws with Identity's reasons joined into one message.</summary>
    public static async Task<AppUser> CreateAsync(UserManager<AppUser> users, string name, string password)
    {
        var user = new AppUser { UserName = name, DisplayName = name, LockoutEnabled = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create user {name}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        return user;
    }
}
