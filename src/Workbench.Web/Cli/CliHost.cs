using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Console;

namespace Workbench.Web.Cli;

/// <summary>The app's services and database for a CLI command, with the same configuration as `serve`, but no demo data.</summary>
internal sealed class CliHost : IAsyncDisposable
{
    /// <summary>
    /// The CLI's own logging defaults, beneath every other configuration source: warnings and errors only. Run from another folder the
    /// executable finds no appsettings.json, and EF Core's Information logs (every SQL command) would otherwise flood the output.
    /// Logging__LogLevel__Default=Information (or appsettings.json) still raises it.
    /// </summary>
    private static readonly Dictionary<string, string?> QuietLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private readonly WebApplication app;
    private readonly AsyncServiceScope scope;

    private CliHost(WebApplication app)
    {
        this.app = app;
        scope = app.Services.CreateAsyncScope();
    }

    public static async Task<CliHost> OpenAsync(string[] hostArgs)
    {
        var builder = WorkbenchApp.CreateBuilder(hostArgs);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietLogging });

        // Standard output is the command's result (counts, JSON, file lists): log lines, whatever their level, go to standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        var app = builder.Build();
        await WorkbenchApp.InitializeAsync(app, seedDemo: false, TextWriter.Null);
        return new CliHost(app);
    }

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await app.DisposeAsync();
    }
}
