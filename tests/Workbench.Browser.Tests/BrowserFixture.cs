using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests;

/// <summary>Test classes marked <c>[Collection("browser")]</c> share one <see cref="BrowserFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// One Kestrel-hosted Workbench app (fresh SQLite database in a temp folder) and one
/// headless Chromium (Debian's /usr/bin/chromium; Playwright never downloads a browser),
/// shared by every test in the "browser" collection.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DemoPassword = "Demo-pass-123!";

    /// <summary>Default timeout for Playwright actions, navigations and expectations.</summary>
    public const float DefaultTimeoutMs = 15_000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate",
        "--disable-domain-reliability",
        "--no-pings",
    ];

    private WorkbenchAppFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserFixture()
    {
        TempDirectory = Path.Combine(Path.GetTempPath(), "workbench-browser-" + Guid.NewGuid().ToString("N"));
        ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");
    }

    /// <summary>Per-run temp folder holding the app's SQLite database; deleted on dispose.</summary>
    public string TempDirectory { get; }

    /// <summary>Where <see cref="ScreenshotAsync"/> writes PNGs (bin/.../screenshots).</summary>
    public string ScreenshotDirectory { get; }

    /// <summary>The app's root URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public WorkbenchAppFactory Factory => _factory ?? throw NotStarted();

    public IServiceProvider Services => Factory.Services;

    public IBrowser Browser => _browser ?? throw NotStarted();

    /// <summary>Chromium binary; override with WORKBENCH_CHROMIUM.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("WORKBENCH_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(TempDirectory);
        Directory.CreateDirectory(ScreenshotDirectory);

        _factory = new WorkbenchAppFactory(TempDirectory, DemoPassword);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = ResolveBaseUrl(_factory.Services);

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {ChromiumPath}; run 'bash tests/run.sh' (installs Debian's chromium) or set WORKBENCH_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 30_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(TempDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// A page in a new browser context (1400x900, BaseURL = <see cref="BaseUrl"/>, 15 s timeouts). The locale is what
    /// the browser asks for in Accept-Language, so it picks the UI language: en-US unless a test asks for zh-CN.
    /// Close it with <c>await page.Context.CloseAsync()</c>.
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1400, Height = 900 },
            Locale = locale,
            BaseURL = BaseUrl,
        });
        context.SetDefaultTimeout(DefaultTimeoutMs);
        context.SetDefaultNavigationTimeout(DefaultTimeoutMs);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in through /Account/Login (#username, #password, #login) and waits until the
    /// browser has navigated away from the login page.
    /// </summary>
    public async Task LoginAsync(IPage page, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(BaseUrl + "/Account/Login");
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#login").ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !IsLoginUrl(url));
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException(
                $"Login as '{user}' did not leave the login page (still at {page.Url}).", ex);
        }
    }

    /// <summary>
    /// Saves a full-page PNG as screenshots/{name}.png under the test output folder,
    /// logs its path (to <paramref name="output"/> when given, and to stdout) and returns the path.
    /// </summary>
    public async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper? output = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var safe = string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        var path = Path.Combine(ScreenshotDirectory, safe + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        var line = $"screenshot: {path}";
        output?.WriteLine(line);
        Console.WriteLine(line);
        return path;
    }

    private static bool IsLoginUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.AbsolutePath.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase);

    private static string ResolveBaseUrl(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel exposes no IServerAddressesFeature.");
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port > 0)
            {
                // Chromium resolves nothing but 127.0.0.1 (see --host-resolver-rules), so always use the IPv4 loopback.
                return string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{uri.Port}");
            }
        }

        throw new InvalidOperationException("Kestrel reported no bound address: " + string.Join(", ", addresses));
    }

    private static InvalidOperationException NotStarted() => new("BrowserFixture has not been initialised.");
}
