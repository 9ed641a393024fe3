using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workbench.Web.Data;

namespace Workbench.Web.Security;

/// <summary>
/// Every request's cookie must carry the user's current security stamp. Logging out and changing a password change the
/// stamp, so a copied old cookie, and the user's other sessions, stop working at once (Identity's own validator only looks
/// every 30 minutes, and checking on every request with it would re-issue the cookie on every response).
/// </summary>
/// <remarks>One indexed read per authenticated request; Identity's periodic validator still runs after it.</remarks>
public static class SessionStamp
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var claimType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal!.FindFirstValue(claimType);
        var current = await services.GetRequiredService<WorkbenchDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || !string.Equals(current, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
