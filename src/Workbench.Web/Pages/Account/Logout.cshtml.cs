using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workbench.Web.Data;
using Workbench.Web.Hubs;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Account;

/// <remarks>
/// Logging out ends every session of the user: the security stamp changes, so a copy of the old cookie no longer works
/// (validated on every request, see WorkbenchApp), and the user's live connections are closed.
/// </remarks>
public sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, ConnectionRevocation revocation) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await revocation.RevokeAsync(user.Id, null, SecurityMessages.ConnectionRevoked);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
