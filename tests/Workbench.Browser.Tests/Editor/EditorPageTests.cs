using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Web.Data;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Editor;

[Collection(BrowserCollection.Name)]
public sealed class EditorPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Annotator_LogsIn_OpensSamplePage_AndSeesLinesLinkedToArticles()
    {
        var pageId = await PageIdAsync("000a_");
        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
            await page.ClickAsync("text=Demo: Inner Mongolia newspapers");
            await page.ClickAsync("text=000a_3b61d9199e17de9f.txt");
            await page.WaitForURLAsync($"**/Editor/{pageId}");

            var lines = page.Locator("#lines .line");
            await Assertions.Expect(lines).ToHaveCountAsync(306);
            await Assertions.Expect(page.Locator("#lines .line[data-n='2'] .lt")).ToContainTextAsync("走进内蒙古农业大学职业技术");
            var cards = await page.Locator("#articles .card").CountAsync();
            Assert.True(cards > 1, $"expected several article cards, saw {cards}");

            // Hovering a line highlights its article card; clicking a card highlights its lines.
            var line = page.Locator("#lines .line[data-n='151']");
            var key = await line.GetAttributeAsync("data-article");
            Assert.NotNull(key);
            await line.HoverAsync();
            await Assertions.Expect(page.Locator($"#articles .card[data-key='{key}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bhl\\b"));
            await line.ClickAsync();
            await Assertions.Expect(page.Locator($"#articles .card[data-key='{key}']")).ToBeInViewportAsync();

            var firstCard = page.Locator("#articles .card").First;
            await firstCard.ClickAsync();
            var firstKey = await firstCard.GetAttributeAsync("data-key");
            await Assertions.Expect(page.Locator($"#lines .line.hl[data-article='{firstKey}']").First).ToBeVisibleAsync();

            var path = await browser.ScreenshotAsync(page, "workbench-000a", output);
            Assert.True(new FileInfo(path).Length > 10_000);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task SelectedLines_AreShadedDarker_OnlyWhileTheLinesPaneHasTheFocus()
    {
        var pageId = await PageIdAsync("000a_");
        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
            await page.GotoAsync($"/Editor/{pageId}");
            var (focused, unfocused) = ("rgb(207, 220, 255)", "rgb(219, 230, 255)");
            Task<string> BackgroundAsync(int n) => page.Locator($"#lines .line[data-n='{n}']").EvaluateAsync<string>("row => getComputedStyle(row).backgroundColor");

            await page.Locator("#lines .line[data-n='151']").ClickAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await Assertions.Expect(page.Locator("#lines .line[data-n='152']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bselected\\b"));
            Assert.Equal(focused, await BackgroundAsync(152));
            Assert.DoesNotContain("selected", await page.Locator("#lines .line[data-n='151']").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);

            // Focus in the articles pane: the selection stays, lighter; back in the lines pane: darker again.
            await page.Locator("#articles").FocusAsync();
            Assert.Equal(unfocused, await BackgroundAsync(152));
            await page.Locator("#lines").FocusAsync();
            Assert.Equal(focused, await BackgroundAsync(152));

            // The row repainted after its editor closes (Escape) keeps the shade: focus returns to the pane.
            await page.Locator("#lines .line[data-n='152'] .lt").DblClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.Locator("input.line-editor")).ToHaveCountAsync(0);
            Assert.Equal(focused, await BackgroundAsync(152));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<int> PageIdAsync(string prefix)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        return await db.Pages.Where(p => p.SourceName.StartsWith(prefix)).Select(p => p.Id).SingleAsync();
    }
}
