using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Agreement;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

/// <summary>
/// The agreement page (issue #19) over the real app: two annotators tag an article of the demo project in their own
/// layers through the one edit path; nothing is measured until both submitted; then the reviewer sees the pair with their
/// names, the figures of a count made here, per label, the article linked to the editor, the chart and the CSV; the
/// annotators get 403 and see only the project's α on the dashboard.
/// </summary>
public sealed class AgreementPageTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task TwoLayers_MeasuredOnlyOnceBothSubmitted_ForCuratorsOnly()
    {
        var projectId = await factory.DemoProjectIdAsync();
        await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.AnnotationMode, AnnotationMode.Independent).SetProperty(p => p.AnnotatorsPerArticle, 2)));
        await PageClient.CreateMembersAsync(factory, ["agr-a", "agr-b"], ProjectRole.Annotator);
        var ids = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "agr-a" || u.UserName == "agr-b").ToDictionaryAsync(u => u.UserName!, u => u.Id));
        var pageId = await factory.PageIdAsync("001_");
        var imported = PageClient.ImportedState("001_");
        var article = imported.Articles.First(x => PageStates.LinesOf(x).Any(n => imported.Lines[n].Text.Length >= 8));
        var line = imported.Lines[PageStates.LinesOf(article).First(n => imported.Lines[n].Text.Length >= 8)];
        AddEntity Tag(int start, int end, string label) => new(label, new Anchor(line.Number, start), new Anchor(line.Number, end), line.Text[start..end]);

        // A: [0,2) PER and [4,6) LOC; B: [0,2) PER and [4,7) LOC. Exact: 1 of 2 + 2 → F1 0.5; overlap: 2 → F1 1.
        await ApplyAsync(pageId, ids["agr-a"], "agr-a", new Batch([Tag(0, 2, "PER"), Tag(4, 6, "LOC"), new SetLayerStatus(article.Key, true)]));
        await ApplyAsync(pageId, ids["agr-b"], "agr-b", new Batch([Tag(0, 2, "PER"), Tag(4, 7, "LOC")]));

        var reviewer = await factory.LoginAsync("reviewer");
        var url = $"/Projects/{projectId}/Agreement";
        var html = WebUtility.HtmlDecode(await reviewer.GetHtmlAsync(url));
        Assert.Contains("id=\"agreement-empty\"", html, StringComparison.Ordinal); // B has not submitted: nothing measured
        Assert.DoesNotContain("agr-a", html, StringComparison.Ordinal);

        await ApplyAsync(pageId, ids["agr-b"], "agr-b", new SetLayerStatus(article.Key, true));
        html = WebUtility.HtmlDecode(await reviewer.GetHtmlAsync(url));
        Assert.DoesNotContain("id=\"agreement-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("data-a=\"agr-a\" data-b=\"agr-b\"", html, StringComparison.Ordinal);
        Assert.Contains("F1 0.500", html, StringComparison.Ordinal);
        Assert.Contains("overlap 1.000", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Editor/{pageId}#article-{article.Key}\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"agreement-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-label=\"ORG\">", html, StringComparison.Ordinal);
        Assert.Matches("<tr data-label=\"ORG\">\\s*<td>ORG</td>\\s*<td class=\"num\">0</td>\\s*<td class=\"num\">—</td>", html); // no ORG spans: undefined, never 0

        // The figures are the service's, which a count made here confirms: κ over the line's article from the two layers.
        var result = await factory.WithDbAsync(db => ProjectAgreement.MeasureAsync(db, projectId));
        var pair = Assert.Single(result.Report.Pairs);
        Assert.Equal((0.5, 1.0), (pair.Exact.F1, pair.Overlap.F1));
        Assert.Contains($"id=\"tile-alpha\">Krippendorff's α<br /><span class=\"tile-number\">{result.Report.KrippendorffAlpha!.Value.ToString("0.000", CultureInfo.InvariantCulture)}", html, StringComparison.Ordinal);

        // A label filter: PER only agrees fully.
        html = WebUtility.HtmlDecode(await reviewer.GetHtmlAsync(url + "?label=PER"));
        Assert.Contains("F1 1.000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr data-label=\"LOC\">", html, StringComparison.Ordinal);
        // A date filter: today (UTC) holds the article, a day long gone does not.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains("F1 0.500", WebUtility.HtmlDecode(await reviewer.GetHtmlAsync(url + $"?from={today}&to={today}")), StringComparison.Ordinal);
        html = WebUtility.HtmlDecode(await reviewer.GetHtmlAsync(url + "?to=2000-01-01"));
        Assert.Contains("id=\"agreement-empty\"", html, StringComparison.Ordinal);

        // CSV: a row per article, undefined values empty.
        var csv = await reviewer.GetAsync(url + "?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        var rows = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Article,Page,Article key,Title,Annotators", rows[0], StringComparison.Ordinal);
        Assert.Equal(2, rows.Length);
        Assert.Contains("agr-a | agr-b", rows[1], StringComparison.Ordinal);
        Assert.Contains(",0.500,1.000,", rows[1], StringComparison.Ordinal);

        // Annotators: no agreement page, only the project's α on the dashboard, and no one's name with it.
        var annotator = await factory.LoginAsync("agr-a");
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync(url + "?handler=Csv")).StatusCode);
        var dashboard = WebUtility.HtmlDecode(await annotator.GetHtmlAsync($"/Projects/{projectId}/Dashboard"));
        Assert.Contains($"Krippendorff's α <span class=\"tile-number\">{result.Report.KrippendorffAlpha!.Value.ToString("0.000", CultureInfo.InvariantCulture)}</span>", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Projects/{projectId}/Agreement", dashboard, StringComparison.Ordinal);
        Assert.Contains($"/Projects/{projectId}/Agreement", WebUtility.HtmlDecode(await reviewer.GetHtmlAsync($"/Projects/{projectId}/Dashboard")), StringComparison.Ordinal);
        Assert.Contains($"/Projects/{projectId}/Agreement", WebUtility.HtmlDecode(await reviewer.GetHtmlAsync($"/Projects/{projectId}")), StringComparison.Ordinal);

        // In Chinese.
        reviewer.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dzh-Hans%7Cuic%3Dzh-Hans");
        var zh = WebUtility.HtmlDecode(await reviewer.GetHtmlAsync(url));
        Assert.Contains("标注员两两比较", zh, StringComparison.Ordinal);
    }

    private async Task ApplyAsync(int pageId, string userId, string userName, PageOperation operation)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var version = await db.Pages.Where(p => p.Id == pageId).Select(p => p.Version).FirstAsync();
        var (outcome, _) = await scope.ServiceProvider.GetRequiredService<PageEditService>().ApplyAsync(pageId, userId, userName, ProjectRole.Annotator, version, operation);
        Assert.True(outcome.Accepted, outcome.Reason);
    }
}
