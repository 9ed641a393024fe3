using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Security;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Security;

/// <summary>The low findings of the attack probe: headers, error answers, the audit's dates and CSV.</summary>
public sealed partial class HardeningTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/")]
    [InlineData("/Projects/{project}")]
    [InlineData("/Projects/{project}/Members")]
    [InlineData("/Editor/{page}")]
    public async Task Pages_CarryCspNosniffAndFrameProtection_AndNoInlineScript(string path)
    {
        var admin = await factory.LoginAsync("admin");
        var url = path.Replace("{project}", (await factory.DemoProjectIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{page}", (await factory.PageIdAsync("001_")).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var response = await admin.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Matches("^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'$", scripts);
        var nonce = scripts.Split("'nonce-")[1].TrimEnd('\'');
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        // The only inline script a page may carry is the editor's import map, with this response's nonce.
        Assert.Empty(InlineScripts().Matches(html).Where(m => !m.Value.Contains("application/json", StringComparison.Ordinal)
            && !(m.Value.Contains("type=\"importmap\"", StringComparison.Ordinal) && WebUtility.HtmlDecode(m.Value).Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal))).Select(m => m.Value));
        Assert.Empty(EventAttributes().Matches(html).Select(m => m.Value));
    }

    [Fact]
    public async Task LoginPage_ItsStylesheetAndScripts_AreServedBeforeAnyoneSignsIn()
    {
        // The fallback policy (sign in first) once covered the static assets too: the log-in page came unstyled.
        using var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var html = await anonymous.GetStringAsync("/Account/Login");
        var assets = AssetReferences().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await anonymous.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.Contains(asset.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "javascript", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BadJsonBody_IsAnsweredAsJsonProblem_NotAnHtmlErrorPage()
    {
        var annotator = await factory.LoginAsync("annotator");
        var pageId = await factory.PageIdAsync("001_");

        var response = await annotator.PostAsync($"/api/pages/{pageId}/operations", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnhandledErrors_InProduction_AreJsonProblemsForTheApi_AndTheHtmlErrorPageForForms()
    {
        // A database that lost two tables: every write to them fails with an exception no handler expects.
        await using var broken = new WorkbenchFactory();
        await broken.DemoProjectIdAsync();
        var pageId = await broken.PageIdAsync("001_");
        var key = await broken.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Articles.Where(a => a.PageId == pageId).Select(a => a.Key)));
        await using var production = broken.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "admin", ["Input.Password"] = WorkbenchFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var token = await HttpExtensions.AntiforgeryTokenAsync(client, "/Account/ChangePassword");
        await using (var sql = new SqliteConnection(broken.ConnectionString))
        {
            await sql.OpenAsync();
            await using var drop = sql.CreateCommand();
            drop.CommandText = "DROP TABLE Comments; DROP TABLE LabelPatterns; DROP TABLE Labels;";
            await drop.ExecuteNonQueryAsync();
        }

        var api = await client.PostAsJsonAsync($"/api/pages/{pageId}/articles/{key}/comments", new { text = "x" });
        var form = await client.PostAsync($"/Projects/{await broken.DemoProjectIdAsync()}/Labels?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "X", ["displayName"] = "X", ["color"] = "#123456", ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nothing was changed", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, form.StatusCode);
        Assert.Contains("Something went wrong", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void ABusyDatabase_IsA503_NotAnError()
    {
        var busy = new Microsoft.EntityFrameworkCore.DbUpdateException("save failed", new SqliteException("database is locked", 5));

        var (status, detail) = ErrorResponses.Classify(busy, "t-1");

        Assert.Equal(StatusCodes503, status);
        Assert.Contains("database is busy", detail, StringComparison.Ordinal);
        Assert.Equal(500, ErrorResponses.Classify(new InvalidOperationException("x"), "t-2").Status);
    }

    private const int StatusCodes503 = 503;

    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("from=9999-12-31&to=9999-12-31")]
    [InlineData("from=0001-01-01&to=0001-01-01")]
    public async Task Audit_TakesExtremeDates(string query)
    {
        var reviewer = await factory.LoginAsync("reviewer");
        var projectId = await factory.DemoProjectIdAsync();

        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/Projects/{projectId}/Audit?{query}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/Projects/{projectId}/Audit?handler=Csv&{query}")).StatusCode);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public async Task AuditCsv_KeepsFormulaLikeTextAsText(string text, string expected)
    {
        var pageId = await factory.FreshPageAsync();
        var key = (await factory.ArticleKeysAsync(pageId))[0];
        var annotator = await factory.LoginAsync("annotator");
        Assert.Equal(HttpStatusCode.Created, (await annotator.PostAsJsonAsync($"/api/pages/{pageId}/articles/{key}/comments", new { text })).StatusCode);
        var reviewer = await factory.LoginAsync("reviewer");

        var csv = await reviewer.GetStringAsync($"/Projects/{await factory.DemoProjectIdAsync()}/Audit?handler=Csv&pageId={pageId}&kind=comment");

        var row = csv.Split("\r\n")[1];
        var description = row.Split(',')[5].Trim('"');
        Assert.StartsWith(expected, description.Replace("\"\"", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_Field_PrefixesEveryFormulaStart()
    {
        Assert.Equal("'=1", Workbench.Web.Review.Csv.Field("=1"));
        Assert.Equal("\"'\r=1\"", Workbench.Web.Review.Csv.Field("\r=1"));
        Assert.Equal("2025-06-01", Workbench.Web.Review.Csv.Field("2025-06-01"));
        Assert.Equal("a-b", Workbench.Web.Review.Csv.Field("a-b"));
    }

    [GeneratedRegex("(?:href|src)=\"(/(?:css|js|lib)/[^\"]+\\.(?:css|js))\"")]
    private static partial Regex AssetReferences();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScripts();

    [GeneratedRegex("\\s on[a-z]+\\s*=\\s*[\"']", RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex EventAttributes();
}
