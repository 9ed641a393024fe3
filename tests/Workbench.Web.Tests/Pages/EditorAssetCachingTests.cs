using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Pages;

/// <summary>
/// The editor's modules are named by fingerprint (the import map) and cached for good, so opening a page asks the server for
/// none of them again. `dotnet run` serves from a build manifest, whose static-assets reloader answered every asset with
/// no-cache: each open fetched its ~35 modules again, one import level after another (about 130 ms of a 380 ms open).
/// </summary>
public sealed partial class EditorAssetCachingTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task EditorModules_AreFingerprinted_AndCachedForGood_WhilePlainUrlsRevalidate()
    {
        var admin = await factory.LoginAsync("admin");
        var html = await admin.GetStringAsync($"/Editor/{await factory.PageIdAsync("001_")}");
        using var map = JsonDocument.Parse(WebUtility.HtmlDecode(ImportMap().Match(html).Groups[1].Value));
        // Relative to the page's <base href="/">: "./js/live.js" → "./js/live.abc123.js".
        var modules = map.RootElement.GetProperty("imports").EnumerateObject().ToDictionary(p => p.Name.TrimStart('.'), p => p.Value.GetString()!.TrimStart('.'));

        Assert.True(modules.Count >= 20, $"{modules.Count} modules in the import map");
        Assert.Contains("/js/live.js", modules.Keys);
        foreach (var (name, url) in modules.Where(m => m.Key is "/js/live.js" or "/js/strings.js"))
        {
            Assert.NotEqual(name, url);
            var response = await admin.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cache = response.Headers.CacheControl!;
            Assert.True(cache.MaxAge >= TimeSpan.FromDays(365) && cache.Extensions.Any(e => e.Name == "immutable"), $"{url}: Cache-Control {cache}");

            var plain = await admin.GetAsync(name);
            Assert.True(plain.Headers.CacheControl!.NoCache, $"{name}: Cache-Control {plain.Headers.CacheControl}");
        }
    }

    [GeneratedRegex("<script[^>]*type=\"importmap\"[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();
}
