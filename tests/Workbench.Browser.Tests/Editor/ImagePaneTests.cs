using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Web.Data;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Editor;

/// <summary>The scan beside the lines, on the demo page that has one: drawn, hover outlines a line's box, a click on a box selects its line.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImagePaneTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string DemoImagePage = "示例晨报_2025-06-01_p01";

    // Where a line's box is on screen: OCR pixels → image pixels → the viewer element's pixels → the window.
    private const string BoxOnScreen = """
        n => {
          const wb = window.editor, viewer = wb.image.viewer, image = wb.state.page.image;
          const [, x, y, w, h] = wb.state.boxes.find(b => b[0] === n);
          const sx = image.width / image.ocrWidth, sy = image.height / image.ocrHeight;
          const topLeft = viewer.viewport.imageToViewerElementCoordinates(new OpenSeadragon.Point(x * sx, y * sy));
          const bottomRight = viewer.viewport.imageToViewerElementCoordinates(new OpenSeadragon.Point((x + w) * sx, (y + h) * sy));
          const origin = viewer.element.getBoundingClientRect();
          return { x: origin.left + topLeft.x, y: origin.top + topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
        }
        """;

    [Fact]
    public async Task PageWithImage_ShowsIt_HoverOutlinesTheLineBox_ClickOnABoxSelectsTheLine_TintsFollowEdits()
    {
        var pageId = await PageIdAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
            await page.GotoAsync($"/Editor/{pageId}");

            // The scan is drawn: OpenSeadragon has loaded it and its canvas holds opaque pixels.
            await Assertions.Expect(page.Locator("#image-pane")).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("() => { const v = window.editor?.image?.viewer; return v && v.world.getItemCount() === 1 && v.world.getItemAt(0).getFullyLoaded(); }");
            var painted = await page.EvaluateAsync<int>("""
                () => {
                  const canvas = document.querySelector('#image-viewer canvas');
                  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  let opaque = 0;
                  for (let i = 3; i < data.length; i += 16) if (data[i] > 0) opaque++;
                  return opaque;
                }
                """);
            Assert.True(painted > 1000, $"the image canvas has {painted} sampled opaque pixels");

            // Hovering a line outlines its box where the box is on the scan.
            var headline = await LineNumberAsync(page, "草原书屋开进牧区");
            await page.Locator($"#lines .line[data-n='{headline}']").HoverAsync();
            var outline = page.Locator("#image-outline");
            await Assertions.Expect(outline).ToBeVisibleAsync();
            var expected = await page.EvaluateAsync<JsonElement>(BoxOnScreen, headline);
            var actual = await outline.BoundingBoxAsync();
            Assert.NotNull(actual);
            Assert.InRange(actual.X, expected.GetProperty("x").GetDouble() - 3, expected.GetProperty("x").GetDouble() + 3);
            Assert.InRange(actual.Y, expected.GetProperty("y").GetDouble() - 3, expected.GetProperty("y").GetDouble() + 3);
            Assert.InRange(actual.Width, expected.GetProperty("width").GetDouble() - 4, expected.GetProperty("width").GetDouble() + 4);
            Assert.InRange(actual.Height, expected.GetProperty("height").GetDouble() - 4, expected.GetProperty("height").GetDouble() + 4);
            Assert.True(actual.Width > 20, $"the outline is {actual.Width} px wide");

            // Hovering a box on the scan lights up its line's article and the line in the card, and outlines that box.
            var target = await LineNumberAsync(page, "在乌梁素海一带记录到白琵鹭、灰鹤");
            var box = await page.EvaluateAsync<JsonElement>(BoxOnScreen, target);
            await page.Mouse.MoveAsync(box.GetProperty("x").GetSingle() + (box.GetProperty("width").GetSingle() / 2), box.GetProperty("y").GetSingle() + (box.GetProperty("height").GetSingle() / 2));
            await Assertions.Expect(page.Locator($"#lines .line[data-n='{target}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bhl\\b"));
            await Assertions.Expect(page.Locator($"#articles .seg[data-n='{target}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bhl\\b"));
            await Assertions.Expect(outline).ToHaveAttributeAsync("data-n", target.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // Clicking a box on the scan selects its line, as a click on the line does.
            await page.Mouse.ClickAsync(box.GetProperty("x").GetSingle() + (box.GetProperty("width").GetSingle() / 2), box.GetProperty("y").GetSingle() + (box.GetProperty("height").GetSingle() / 2));
            await Assertions.Expect(page.Locator($"#lines .line[data-n='{target}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bselected\\b"));
            await Assertions.Expect(page.Locator($"#image-pane rect.box.selected[data-n='{target}']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#wb-selection")).ToContainTextAsync(target.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await browser.ScreenshotAsync(page, "image-pane", output);

            // Tints follow the articles: splitting at the selected line moves its box to the new article's colour.
            await Assertions.Expect(page.Locator("#image-pane svg.image-boxes.tinted")).ToHaveCountAsync(1);
            var rect = page.Locator($"#image-pane rect.box[data-n='{target}']");
            var before = await rect.GetAttributeAsync("data-article");
            await Assertions.Expect(page.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
            await page.Keyboard.PressAsync("s");
            await Assertions.Expect(rect).Not.ToHaveAttributeAsync("data-article", before!);
            Assert.Equal(await page.Locator($"#lines .line[data-n='{target}']").GetAttributeAsync("data-article"), await rect.GetAttributeAsync("data-article"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task PageWithoutImage_HasNoImagePaneOrToggle()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var pageId = await scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>().Pages.Where(p => p.SourceName.StartsWith("002_")).Select(p => p.Id).SingleAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
            await page.GotoAsync($"/Editor/{pageId}");
            await Assertions.Expect(page.Locator("#lines .line").First).ToBeVisibleAsync();

            Assert.Equal(0, await page.Locator("#image-pane").CountAsync());
            Assert.Equal(0, await page.Locator("#wb-image-toggle").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static Task<int> LineNumberAsync(IPage page, string text) =>
        page.EvaluateAsync<int>("t => window.editor.state.lines.find(l => l.text === t).n", text);

    private async Task<int> PageIdAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        return await db.Pages.Where(p => p.SourceName.StartsWith(DemoImagePage)).Select(p => p.Id).SingleAsync();
    }
}
