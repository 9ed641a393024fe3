using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Workbench.Web.Security;

/// <summary>
/// How failures are answered. The JSON API and the hub get problem details (JSON) for every error status and for unhandled
/// exceptions, never an HTML page: re-executing the HTML error page for a failed POST used to fail antiforgery and answer
/// 400 "Error {0}". Pages keep the HTML status and error pages. A busy database (another writer holds SQLite's lock) is a
/// 503 with Retry-After, not an error.
/// </summary>
public static class ErrorResponses
{
    public static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments(MembershipEndpoints.ApiPrefix) || http.Request.Path.StartsWithSegments("/hubs");

    public static IApplicationBuilder UseWorkbenchErrors(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteApiErrorAsync });
            api.UseStatusCodePages();
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(http => !IsApi(http), pages => pages.UseExceptionHandler("/Error"));
        }

        app.UseWhen(http => !IsApi(http), pages => pages.UseStatusCodePagesWithReExecute("/Status/{0}"));
        return app;
    }

    /// <summary>The status and sentence for an exception that reached the API's handler.</summary>
    internal static (int Status, string Detail) Classify(Exception? error, string traceId)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BadHttpRequestException bad:
                    return (bad.StatusCode, SecurityMessages.Get("Error.BadRequest"));
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return (StatusCodes.Status503ServiceUnavailable, SecurityMessages.Get("Error.DatabaseBusy"));
            }
        }

        return (StatusCodes.Status500InternalServerError, SecurityMessages.Format("Error.Unhandled", traceId));
    }

    private static async Task WriteApiErrorAsync(HttpContext http)
    {
        var traceId = Activity.Current?.Id ?? http.TraceIdentifier;
        var (status, detail) = Classify(http.Features.Get<IExceptionHandlerFeature>()?.Error, traceId);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "2";
        }

        await Results.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { ["traceId"] = traceId }).ExecuteAsync(http);
    }
}
