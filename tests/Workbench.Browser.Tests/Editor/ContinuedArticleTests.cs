using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Editor;

/// <summary>A continued article's card links to its other part, and the link opens that page at the article.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContinuedArticleTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Card_ShowsContinuedOnPage2_AndTheLinkOpensThatPageAtTheArticle()
    {
        int page1, page2, key1, key2;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var projectId = await db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync();
            var importer = scope.ServiceProvider.GetRequiredService<PageImporter>();
            page1 = (await importer.ImportAsync(projectId, "续报_2024-06-07_p01.txt", Encoding.UTF8.GetBytes("续报头版新闻标题\n本报讯 工程𠀀进展顺利。\n（下转第2版）\n"))).PageId!.Value;
            page2 = (await importer.ImportAsync(projectId, "续报_2024-06-07_p02.txt", Encoding.UTF8.GetBytes("另一篇文章的标题\n本报讯 别的新闻。\n\n■上接第1版\n工程😀预计明年完工。\n"))).PageId!.Value;
            var link = await db.ArticleLinks.SingleAsync(l => l.FromPageId == page1);
            (key1, key2) = (link.FromArticleKey, link.ToArticleKey);
        }

        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
            await page.GotoAsync($"/Editor/{page1}");
            var continued = page.Locator("#articles .card .continued-link");
            await Assertions.Expect(continued).ToHaveTextAsync("Continued on page 2");

            await continued.ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/Editor/{page2}#article-{key2}$"));
            var card = page.Locator($"#articles #article-{key2}");
            await Assertions.Expect(card).ToHaveClassAsync(new Regex(@"\bfocused\b"));
            await Assertions.Expect(card.Locator(".continued-link")).ToHaveTextAsync("Continued from page 1");
            await Assertions.Expect(card).ToBeInViewportAsync();
            await browser.ScreenshotAsync(page, "continued-article", output);

            // Unlink from this side: the link goes at once (the change comes back live) ...
            await card.Locator(".continued-unlink").ClickAsync();
            await Assertions.Expect(card.Locator(".continued-link")).ToHaveCountAsync(0);

            // ... and the picker on the focused card links it again.
            await card.Locator(".continued-open").ClickAsync();
            await card.Locator("select.continued-direction").SelectOptionAsync("from");
            await card.Locator("select.continued-page").SelectOptionAsync(page1.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await card.Locator("select.continued-article").SelectOptionAsync(key1.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await card.Locator(".continued-confirm").ClickAsync();
            await Assertions.Expect(card.Locator(".continued-link")).ToHaveTextAsync("Continued from page 1");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
