using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Data;

/// <summary>
/// A write that meets a busy database ("database is locked") changed nothing and may be tried again: the user gets
/// 503 with Retry-After and that message in their language, never the HTTP 400 "Error {0}" page (issue 17, H4).
/// The lock is SQLite's ("database is locked", error 5, simulated on the connection), so the PostgreSQL pass leaves these out.
/// </summary>
[Trait("Category", "SqliteOnly")]
public sealed class DatabaseBusyTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Theory]
    [InlineData("en-US", "The database is busy")]
    [InlineData("zh-CN", "数据库正忙")]
    public async Task LockedDatabase_OnAFormPost_Answers503WithARetryableMessage(string language, string expected)
    {
        using var app = WithLockedWrites(out var locked);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var login = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "admin", ["Input.Password"] = WorkbenchFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var projectId = await factory.DemoProjectIdAsync();
        var label = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Labels.Where(l => l.ProjectId == projectId)));
        var token = await HttpExtensions.AntiforgeryTokenAsync(client, $"/Projects/{projectId}/Labels");
        locked.On = true; // renaming a label is an UPDATE, which meets the locked database
        var response = await client.PostAsync($"/Projects/{projectId}/Labels?handler=Update&labelId={label.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["displayName"] = label.DisplayName + "!",
            ["color"] = label.Color,
            ["__RequestVerificationToken"] = token,
        }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Error {0}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("database is locked", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockedDatabase_OnAnOperation_Answers503ProblemWithARetryableMessage()
    {
        using var app = WithLockedWrites(out var locked);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "annotator", ["Input.Password"] = WorkbenchFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var pageId = await factory.PageIdAsync("001_");
        var line = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Lines.Where(l => l.PageId == pageId && l.Number == 2).Select(l => l.Text)));
        locked.On = true;
        var (status, outcome) = await client.ApplyAsync(pageId, new Core.Editing.EditLine(2, line, line + "。"), seenVersion: 0);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("try again in a moment", outcome.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(503, outcome.GetProperty("status").GetInt32());
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithLockedWrites(out LockedWrites locked)
    {
        var interceptor = locked = new LockedWrites();
        return factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.ConfigureServices(services => Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions.ConfigureDbContext<WorkbenchDbContext>(services, o => o.AddInterceptors(interceptor)));
        });
    }

    [Fact]
    public void BusyErrors_AreRecognised_OthersAreNot()
    {
        Assert.True(DatabaseBusy.Is(new SqliteException("database is locked", 5)));
        Assert.True(DatabaseBusy.Is(new Microsoft.EntityFrameworkCore.DbUpdateException("x", new SqliteException("database table is locked", 6))));
        Assert.False(DatabaseBusy.Is(new SqliteException("constraint failed", 19)));
        Assert.False(DatabaseBusy.Is(new InvalidOperationException("no")));
    }

    /// <summary>Once on, every UPDATE fails as SQLite fails a writer that waited for the lock in vain.</summary>
    private sealed class LockedWrites : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public bool On { get; set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            On && command.CommandText.Contains("UPDATE", StringComparison.Ordinal) ? throw new SqliteException("SQLite Error 5: 'database is locked'.", 5) : ValueTask.FromResult(result);

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default) =>
            On && command.CommandText.Contains("UPDATE", StringComparison.Ordinal) ? throw new SqliteException("SQLite Error 5: 'database is locked'.", 5) : ValueTask.FromResult(result);
    }
}
