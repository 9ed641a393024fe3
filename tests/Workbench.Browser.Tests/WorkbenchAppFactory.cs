using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workbench.Browser.Tests;

/// <summary>
/// The web app configured for browser tests: its own SQLite file under
/// <see cref="DataDirectory"/>, a known demo password, Development environment.
/// </summary>
public sealed class WorkbenchAppFactory(string dataDirectory, string demoPassword) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory;

    public string DatabasePath => Path.Combine(DataDirectory, "workbench.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Workbench", $"Data Source={DatabasePath}");
        builder.UseSetting("Workbench:Demo:Password", demoPassword);
        builder.UseSetting("Workbench:ImagesDirectory", Path.Combine(DataDirectory, "images"));
    }
}
