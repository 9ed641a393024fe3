using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workbench.Web.Data;
using Workbench.Web.Localization;

namespace Workbench.Web.Pages;

/// <summary>
/// The header's language switch: remembers the choice in the culture cookie and, for a signed-in user, as their
/// saved preference (refreshing the sign-in so the next request already reads it), then returns to the same page.
/// </summary>
[AllowAnonymous]
public sealed class LanguageModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(SafeReturn(returnUrl));

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        if (AppCultures.Normalize(culture) is not { } language)
        {
            return BadRequest();
        }

        Response.Cookies.Append(
            AppCultures.CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Path = "/" });

        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            user.Language = language;
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
        }

        return LocalRedirect(SafeReturn(returnUrl));
    }

    /// <summary>Only a local URL is followed; anything else (another host, //evil, javascript:) goes home.</summary>
    private string SafeReturn(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
