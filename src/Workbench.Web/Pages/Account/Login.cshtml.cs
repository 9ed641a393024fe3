using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Workbench.Web.Data;
using Workbench.Web.Localization;

namespace Workbench.Web.Pages.Account;

[AllowAnonymous]
/// <remarks>
/// Unknown names and wrong passwords get the same answer in about the same time; failures pause a name per client, not
/// per account (<see cref="Security.LoginThrottle"/>), so nobody can lock another user out.
/// </remarks>
public sealed class LoginModel(SignInManager<AppUser> signIn, Security.LoginThrottle throttle, IStringLocalizerFactory localizers) : PageModel
{
    private readonly IStringLocalizer text = localizers.For("Account/Login");

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = text["Enter your user name and password."];
            return Page();
        }

        var name = Input.UserName.Trim();
        var client = throttle.ClientOf(HttpContext, name);
        var user = throttle.IsPaused(name, client) ? null : await signIn.UserManager.FindByNameAsync(name);
        if (user is null)
        {
            await throttle.EqualizeAsync(Input.Password);
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: true, lockoutOnFailure: false);
            if (result.Succeeded)
            {
                throttle.Succeeded(HttpContext, name, client);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            }
        }

        if (!throttle.IsPaused(name, client))
        {
            throttle.Failed(name, client);
        }

        Error = throttle.IsPaused(name, client)
            ? text["Too many failed log-ins with this user name from here. Try again in 10 minutes, log in from a browser you used before, or ask an admin."]
            : text["Wrong user name or password. Check both and try again."];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    public sealed class LoginInput
    {
        [Required]
        public string UserName { get; set; } = "";

        [Required]
        public string Password { get; set; } = "";
    }
}
