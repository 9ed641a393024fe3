using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Workbench.Web.Data;
using Workbench.Web.Localization;

namespace Workbench.Web.Pages.Account;

/// <remarks>A new password ends the user's other sessions (the security stamp changes; this session gets a fresh cookie) and closes their live connections.</remarks>
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizerFactory localizers, Hubs.ConnectionRevocation revocation) : PageModel
{
    private readonly IStringLocalizer text = localizers.For("Account/ChangePassword");

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet(bool done = false) => Done = done;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.NewPassword != Input.ConfirmPassword)
        {
            ModelState.AddModelError(string.Empty, text["The two new passwords are not the same."]);
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        await revocation.RevokeAsync(user.Id, null, Security.SecurityMessages.ConnectionRevoked);
        return RedirectToPage(new { done = true });
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
