using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class BrowserSmokeTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ChromiumRendersCjkFromKestrel()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            // Any HTTP response from Kestrel will do (404 included). Chromium fails the navigation
            // itself on an error status with an empty body, so watch for the response instead.
            var response = await page.RunAndWaitForResponseAsync(
                async () =>
                {
                    try
                    {
                        await page.GotoAsync(fixture.BaseUrl + "/");
                    }
                    catch (PlaywrightException ex) when (ex.Message.Contains("ERR_HTTP_RESPONSE_CODE_FAILURE", StringComparison.Ordinal))
                    {
                    }
                },
                fixture.BaseUrl + "/");
            Assert.InRange(response.Status, 100, 599);
            output.WriteLine($"GET {response.Url} -> {response.Status}");

            await page.SetContentAsync("<html><body style='font-size:48px'>内蒙古 workbench</body></html>");
            var text = page.GetByText("内蒙古 workbench");
            await Assertions.Expect(text).ToBeVisibleAsync();

            var path = await fixture.ScreenshotAsync(page, "smoke-cjk", output);
            var file = new FileInfo(path);
            Assert.True(file.Exists, $"screenshot missing: {path}");
            Assert.True(file.Length > 1024, $"screenshot only {file.Length} bytes: {path}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
