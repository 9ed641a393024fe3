using Workbench.Web.Data;
using Workbench.Web.Editing;

namespace Workbench.Web.Security;

/// <summary>
/// The caller's place in the project an /api endpoint's route names (by its page, or the project itself): resolved once
/// per request by <see cref="MembershipFilter"/> and bound to the handler's <see cref="Membership"/> parameter.
/// </summary>
public sealed record Membership(string UserId, string UserName, int ProjectId, ProjectRole Role, int? PageId)
{
    /// <summary>What a handler receives until the filter has run; the filter replaces it (never seen by a handler behind the filter).</summary>
    private static readonly Membership Unresolved = new("", "", 0, ProjectRole.Annotator, null);

    /// <summary>Minimal API binding: the filter runs after binding, so this hands a placeholder the filter swaps for the real one.</summary>
    public static ValueTask<Membership?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<Membership?>(context.Features.Get<Membership>() ?? Unresolved);

    internal static bool IsUnresolved(object? argument) => ReferenceEquals(argument, Unresolved);
}

/// <summary>Marks an endpoint as guarded by <see cref="MembershipFilter"/>; /api endpoints without it are refused.</summary>
public sealed record MembershipRequired(ProjectRole Minimum);

/// <summary>
/// The one membership check of the JSON API: reads <c>pageId</c> (or <c>projectId</c>) from the route, finds the page's project
/// and the caller's role in it, answers 404 (no such page/project) or 403 (not a member, or below the endpoint's role),
/// and otherwise binds the <see cref="Membership"/> for the handler.
/// </summary>
public sealed class MembershipFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var minimum = http.GetEndpoint()?.Metadata.GetMetadata<MembershipRequired>()?.Minimum ?? ProjectRole.Annotator;
        var access = http.RequestServices.GetRequiredService<ProjectAccess>();
        var userId = ProjectAccess.UserId(http.User);
        int? pageId = RouteInt(http, "pageId");
        int? projectId;
        ProjectRole? role;
        if (pageId is not null)
        {
            (projectId, role) = await access.RoleForPageAsync(userId, pageId.Value, http.RequestAborted);
        }
        else if (RouteInt(http, "projectId") is { } project)
        {
            projectId = await access.ProjectExistsAsync(project, http.RequestAborted) ? project : null;
            role = projectId is null ? null : await access.RoleAsync(userId, project, http.RequestAborted);
        }
        else
        {
            throw new InvalidOperationException($"{http.GetEndpoint()?.DisplayName} is behind the membership filter but its route names no page or project.");
        }

        if (projectId is null)
        {
            return Results.Problem(ServerMessages.PageNotFound, statusCode: StatusCodes.Status404NotFound);
        }

        if (userId is null || !ProjectAccess.Allows(role, minimum))
        {
            return Results.Problem(ServerMessages.NotMember, statusCode: StatusCodes.Status403Forbidden);
        }

        var membership = new Membership(userId, http.User.Identity?.Name ?? userId, projectId.Value, role!.Value, pageId);
        http.Features.Set(membership);
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            if (Membership.IsUnresolved(context.Arguments[i]))
            {
                context.Arguments[i] = membership;
            }
        }

        return await next(context);
    }

    private static int? RouteInt(HttpContext http, string name) =>
        http.Request.RouteValues.TryGetValue(name, out var value) && int.TryParse(value?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}

public static partial class MembershipEndpoints
{
    /// <summary>The prefix under which every endpoint must be mapped through <see cref="MapMemberGroup"/>.</summary>
    public const string ApiPrefix = "/api";

    /// <summary>A route group under /api whose endpoints all run behind <see cref="MembershipFilter"/> and the per-user rate limit.</summary>
    public static RouteGroupBuilder MapMemberGroup(this IEndpointRouteBuilder app, string pattern, ProjectRole minimum = ProjectRole.Annotator)
    {
        if (!pattern.StartsWith(ApiPrefix + "/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Member groups live under {ApiPrefix}/: {pattern}", nameof(pattern));
        }

        var group = app.MapGroup(pattern);
        group.WithMetadata(new MembershipRequired(minimum)).AddEndpointFilter<MembershipFilter>().RequireRateLimiting(RateLimits.ApiPolicy);
        return group;
    }

    /// <summary>
    /// Refuses (404) any /api endpoint that was mapped without the membership filter, so a forgotten check cannot leak data;
    /// a test enumerates the endpoints too (<c>ApiMembershipTests</c>).
    /// </summary>
    public static IApplicationBuilder UseApiMembershipGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments(ApiPrefix) && http.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<MembershipRequired>() is null)
        {
            LogUnguarded(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MembershipEndpoints)), endpoint.DisplayName);
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(http);
    });

    [LoggerMessage(Level = LogLevel.Error, Message = "{Endpoint} is under /api without the membership filter; refused.")]
    private static partial void LogUnguarded(ILogger log, string? endpoint);
}
