using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Data;

namespace Workbench.Web.Tests.Support;

/// <summary>
/// The real app over a real SQLite file in a temp folder, seeded with the demo project and accounts
/// (password <see cref="Password"/>). One per test class. With <c>WORKBENCH_TEST_DATABASE=PostgreSQL</c> (and the server in
/// <c>WORKBENCH_TEST_POSTGRES</c>, see <see cref="TestServers"/>) it runs on a fresh PostgreSQL database instead, dropped at the end.
/// </summary>
public sealed class WorkbenchFactory : WebApplicationFactory<Program>
{
    public const string Password = "Demo-pass-123!";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "workbench-tests", Guid.NewGuid().ToString("N"));

    private readonly string? postgresDatabase = TestServers.UsePostgresForSuite ? TestServers.NewDatabaseName() : null;

    public string DatabasePath => Path.Combine(directory, "workbench.db");

    public bool IsPostgres => postgresDatabase is not null;

    public string ConnectionString => postgresDatabase is null ? $"Data Source={DatabasePath}" : TestServers.PostgresConnection(postgresDatabase);

    /// <summary>Where this app stores page images (a temp folder, never the repository's data/).</summary>
    public string ImagesDirectory => Path.Combine(directory, "images");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Workbench", ConnectionString);
        builder.UseSetting("Workbench:Database", IsPostgres ? "PostgreSQL" : "Sqlite");
        builder.UseSetting("Workbench:Demo:Password", Password);
        builder.UseSetting("Workbench:ImagesDirectory", ImagesDirectory);
    }

    /// <summary>A second app over the same database whose context also runs <paramref name="interceptor"/> (its own caches and queues).</summary>
    public WebApplicationFactory<Program> WithInterceptor(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor interceptor) =>
        WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            if (IsPostgres)
            {
                services.ConfigureDbContext<PostgresWorkbenchDbContext>(o => o.AddInterceptors(interceptor));
            }
            else
            {
                services.ConfigureDbContext<WorkbenchDbContext>(o => o.AddInterceptors(interceptor));
            }
        }));

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client logged in as <paramref name="user"/> (cookies kept, redirects not followed).</summary>
    public async Task<HttpClient> LoginAsync(string user, string password = Password)
    {
        var client = AnonymousClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<WorkbenchDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>());
    }

    /// <summary>Runs <paramref name="import"/> with the app's own <see cref="Import.PageImporter"/> (its image store and clock) in a new scope.</summary>
    public async Task<T> WithImporterAsync<T>(Func<Workbench.Web.Import.PageImporter, Task<T>> import)
    {
        await using var scope = Services.CreateAsyncScope();
        return await import(scope.ServiceProvider.GetRequiredService<Workbench.Web.Import.PageImporter>());
    }

    /// <summary>Creates a user who belongs to no project.</summary>
    public async Task CreateOutsiderAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(name) is null)
        {
            await UserService.CreateAsync(users, name, Password);
        }
    }

    public Task<int> DemoProjectIdAsync() =>
        WithDbAsync(db => db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync());

    public Task<int> PageIdAsync(string sourcePrefix) =>
        WithDbAsync(db => db.Pages.Where(p => p.SourceName.StartsWith(sourcePrefix)).Select(p => p.Id).SingleAsync());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (postgresDatabase is not null)
            {
                TestServers.DropDatabase(postgresDatabase);
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on some platforms; the temp folder is cleaned by the OS.
            }
        }
    }
}

public static class ServiceProviderExtensions
{
    /// <summary>A DbContext from a new scope; the scope lives as long as the test (fine for a test's few queries).</summary>
    public static Task<WorkbenchDbContext> CreateScopeDbAsync(this IServiceProvider services) =>
        Task.FromResult(services.CreateScope().ServiceProvider.GetRequiredService<WorkbenchDbContext>());
}
