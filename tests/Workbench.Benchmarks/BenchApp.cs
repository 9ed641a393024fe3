using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workbench.Benchmarks;

/// <summary>What the probes share: the repository root, and the real app over a fresh SQLite file.</summary>
internal static class BenchApp
{
    public const string Password = "Bench-pass-123!";

    /// <summary>The folder holding Workbench.sln, found by walking up from the benchmark binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The real app (Production settings, demo seed with <see cref="Password"/>) over the database at <paramref name="databasePath"/>.</summary>
    public static WebApplicationFactory<Program> Start(string databasePath)
    {
        // The factory finds the web project's content root through this variable when run from a benchmark build.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WORKBENCH_WEB", Path.Combine(RepoRoot, "src", "Workbench.Web"));
        return new Factory(databasePath);
    }

    private static string FindRepoRoot()
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

    private sealed class Factory(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Workbench", $"Data Source={databasePath}");
            builder.UseSetting("Workbench:Demo:Password", Password);
            builder.UseSetting("Workbench:ImagesDirectory", Path.Combine(Path.GetDirectoryName(databasePath)!, "images"));
        }
    }
}
