using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workbench.Web.Data;

namespace Workbench.Web.Localization;

/// <summary>Puts the user's saved language into the sign-in cookie, so each request reads it without a query.</summary>
public sealed class LanguageClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (AppCultures.Normalize(user.Language) is { } language)
        {
            identity.AddClaim(new Claim(AppCultures.ClaimType, language));
        }

        return identity;
    }
}
