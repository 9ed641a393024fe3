namespace Workbench.Web.Cli;

/// <summary>The app's services and database for a CLI command, with the same configuration as `serve`, but no demo data.</summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly AsyncServiceScope scope;

    private CliHost(WebApplication app)
    {
        this.app = app;
        scope = app.Services.CreateAsyncScope();
    }

    public static async Task<CliHost> OpenAsync(string[] hostArgs)
    {
        var app = WorkbenchApp.CreateBuilder(hostArgs).Build();
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
