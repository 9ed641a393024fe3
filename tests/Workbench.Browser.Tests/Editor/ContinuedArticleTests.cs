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
        int page1, page2, key2;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var projectId = await db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync();
            var importer = new PageImporter(db);
            page1 = (await importer.ImportAsync(projectId, "续报_2024-06-07_p01.txt", Encoding.UTF8.GetBytes("续报头版新闻标题\n本报讯 工程𠀀进展顺利。\n（下转第2版）\n"))).PageId!.Value;
            page2 = (await importer.ImportAsync(projectId, "续报_2024-06-07_p02.txt", Encoding.UTF8.GetBytes("另一篇文章的标题\n本报讯 别的新闻。\n\n■上接第1版\n工程😀预计明年完工。\n"))).PageId!.Value;
            key2 = await db.ArticleLinks.Where(l => l.FromPageId == page1).Select(l => l.ToArticleKey).SingleAsync();
        }

        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
            await page.GotoAsync($"/Workbench/{page1}");
            var link = page.Locator("#articles .card .continued-link");
            await Assertions.Expect(link).ToHaveTextAsync("Continued on page 2");

            await link.ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/Workbench/{page2}#article-{key2}$"));
            var card = page.Locator($"#articles #article-{key2}");
            await Assertions.Expect(card).ToHaveClassAsync(new Regex(@"\bfocused\b"));
            await Assertions.Expect(card.Locator(".continued-link")).ToHaveTextAsync("Continued from page 1");
            await Assertions.Expect(card).ToBeInViewportAsync();
            await browser.ScreenshotAsync(page, "continued-article", output);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
