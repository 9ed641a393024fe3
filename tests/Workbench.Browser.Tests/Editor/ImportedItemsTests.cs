using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Editor;

/// <summary>Issue 15 in the editor: a METS advertisement's card says what it is, and a de-spaced CJK line shows the OCR file's text on hover.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportedItemsTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task AdvertisementCard_ShowsItsType_AndADeSpacedLineShowsTheOcrTextOnHover()
    {
        int pageId;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var projectId = await db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync();
            var mets = Path.Combine(RepoRoot(), "tests", "Workbench.Core.Tests", "Pages", "Fixtures", "mets-europeana", "issue-METS.xml");
            var outcomes = await scope.ServiceProvider.GetRequiredService<PageImporter>().ImportMetsIssueAsync(projectId, mets);
            Assert.All(outcomes, o => Assert.Equal(ImportStatus.Imported, o.Status));
            pageId = outcomes[0].PageId!.Value;
        }

        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
            await page.GotoAsync($"/Editor/{pageId}");

            var ad = page.Locator("#articles #article-3");
            await Assertions.Expect(ad.Locator(".item-type")).ToHaveTextAsync("ADVERTISEMENT");
            await Assertions.Expect(ad.Locator(".item-type")).ToHaveAttributeAsync("title", "The kind of item the source file declares (METS type)");
            await Assertions.Expect(page.Locator("#articles #article-2 .item-type")).ToHaveCountAsync(0); // articles say nothing

            var line = page.Locator("#lines .line[data-n='5']");
            await Assertions.Expect(line.Locator(".lt")).ToHaveTextAsync("本报讯上半年全区生产总值增长。");
            await line.HoverAsync();
            await Assertions.Expect(line).ToHaveAttributeAsync("title", "As the OCR file wrote it: 本报讯 上半年全区生产总值增长。");
            await browser.ScreenshotAsync(page, "imported-items", output);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workbench.sln not found above " + AppContext.BaseDirectory);
    }
}
