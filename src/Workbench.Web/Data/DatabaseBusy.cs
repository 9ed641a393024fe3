using System.Text.Encodings.Web;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workbench.Core;

namespace Workbench.Web.Data;

/// <summary>
/// A write that could not get the database in time (SQLite "database is locked", a PostgreSQL lock or serialisation
/// failure) changed nothing and can simply be tried again: answered as 503 with Retry-After and a plain message in the
/// user's language, never as an error page.
/// </summary>
public static class DatabaseBusy
{
    private static readonly ResourceText Text = new("Workbench.Web.Resources.Data.DatabaseMessages", typeof(DatabaseBusy).Assembly);

    public static string Message => Text.Get("Busy");

    public static string Title => Text.Get("BusyTitle");

    /// <summary>True for the errors that mean "busy, nothing was written": SQLITE_BUSY/SQLITE_LOCKED, PostgreSQL lock and serialisation failures.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6: // SQLITE_BUSY, SQLITE_LOCKED
                case PostgresException postgres when postgres.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Catches a busy database anywhere below it in the pipeline.</summary>
    public static IApplicationBuilder UseDatabaseBusyAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (Is(e) && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "2";
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
            {
                await Results.Problem(Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: Title).ExecuteAsync(context);
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            var html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All); // Chinese as text, not as &#x…; entities
            await context.Response.WriteAsync($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.Encode(Title)}</title></head><body><h1>{html.Encode(Title)}</h1><p>{html.Encode(Message)}</p></body></html>");
        }
    });

    /// <summary>The same for hub calls: the caller gets the message (a HubException reaches the client; other errors are hidden).</summary>
    public sealed class HubFilter : IHubFilter
    {
        public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            try
            {
                return await next(invocationContext);
            }
            catch (Exception e) when (Is(e))
            {
                throw new HubException(Message, e);
            }
        }
    }
}
