namespace Workbench.Web.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows scripts from the app's own files only (no inline
/// script, no eval; JSON data blocks in <c>&lt;script type="application/json"&gt;</c> are data and unaffected; the one inline
/// script is the editor's import map, allowed by a nonce made for each response: see <see cref="Nonce"/>), no framing
/// (<c>frame-ancestors 'none'</c> and <c>X-Frame-Options: DENY</c> for older browsers), and <c>nosniff</c>.
/// </summary>
/// <remarks>
/// Styles may be inline: pages colour label chips with <c>style="--label:#rrggbb"</c> (colours are validated as #rrggbb on the
/// way in). WebSockets to the app itself are covered by <c>'self'</c> in <c>connect-src</c> (CSP level 3).
/// </remarks>
public static class SecurityHeaders
{
    private const string NonceKey = "workbench:csp-nonce";

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>This response's script nonce, for the one inline script a page may carry (the import map, which browsers check against script-src).</summary>
    public static string Nonce(HttpContext http)
    {
        if (http.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(Nonce(http));
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
