namespace Workbench.Web.Security;

/// <summary>
/// Cross-site WebSocket hijacking defence: a browser sends the victim's cookie with a WebSocket (or the hub's negotiate POST)
/// opened by any page of the same site (another port, a sibling subdomain), and neither is covered by CORS. So requests to the
/// hub, and state-changing /api requests, that carry an <c>Origin</c> must come from one of the app's own origins:
/// <c>Workbench:AllowedOrigins</c> (a list, or one string separated by commas or spaces) or, by default, the request's own
/// scheme and host. Requests without an Origin (non-browser clients, which hold no victim's cookie) pass.
/// </summary>
/// <remarks>Behind a proxy that terminates TLS, use forwarded headers or list the public origin in <c>Workbench:AllowedOrigins</c>.</remarks>
public sealed class OriginCheck
{
    public const string ConfigurationKey = "Workbench:AllowedOrigins";

    private readonly HashSet<string> allowed;

    public OriginCheck(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConfigurationKey);
        var values = section.Value is { } single ? single.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : section.Get<string[]>() ?? [];
        allowed = values.Select(Normalize).Where(v => v is not null).Select(v => v!).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether a request's Origin may use the hub and the API; true when there is no Origin header.</summary>
    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        var normalized = Normalize(origin);
        if (normalized is null)
        {
            return false; // "null" (sandboxed frames, file:) and anything unparsable
        }

        var own = Normalize($"{request.Scheme}://{request.Host.Value}");
        return string.Equals(normalized, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(normalized);
    }

    /// <summary>scheme://host[:port] with the port left out when it is the scheme's default; null when not an http(s) origin.</summary>
    internal static string? Normalize(string origin) =>
        Uri.TryCreate(origin.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}"
            : null;
}

public static class OriginCheckExtensions
{
    /// <summary>Refuses (403, as problem details) hub requests and non-GET /api requests from a foreign Origin.</summary>
    public static IApplicationBuilder UseOriginCheck(this IApplicationBuilder app)
    {
        var check = app.ApplicationServices.GetRequiredService<OriginCheck>();
        return app.Use(async (http, next) =>
        {
            var path = http.Request.Path;
            var guarded = path.StartsWithSegments("/hubs") || (path.StartsWithSegments(MembershipEndpoints.ApiPrefix) && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method));
            if (guarded && !check.Allows(http.Request))
            {
                await Results.Problem(SecurityMessages.OriginRefused(http.Request.Headers.Origin.ToString()), statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
                return;
            }

            await next(http);
        });
    }
}
