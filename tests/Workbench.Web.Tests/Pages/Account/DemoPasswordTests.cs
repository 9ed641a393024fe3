using System.Diagnostics;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Pages.Account;

/// <summary>A weak Workbench__Demo__Password stops the start-up with the rules stated, no stack trace and nothing created.</summary>
public sealed class DemoPasswordTests
{
    [Fact]
    public async Task WeakDemoPassword_StopsTheStart_WithTheRules_AndNoStackTrace()
    {
        var directory = Directory.CreateTempSubdirectory("workbench-weak-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Workbench.Web.dll"), "--urls", "http://127.0.0.1:0"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            };
            start.Environment["Workbench__Demo__Password"] = "short";
            start.Environment["Workbench__DataDirectory"] = directory;
            start.Environment["ConnectionStrings__Workbench"] = $"Data Source={Path.Combine(directory, "weak.db")}";
            start.Environment["LANG"] = "en_US.UTF-8";
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            var error = await stderr;
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("Workbench__Demo__Password) is too weak", error, StringComparison.Ordinal);
            Assert.Contains("at least 10 characters", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error + await stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
            Assert.DoesNotContain("password:", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
