using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.ScaleOut;

/// <summary>
/// Real app processes (the built Workbench.Web.dll, as `dotnet run` would start it) on loopback ports, all on one fresh
/// PostgreSQL database and one Redis (its own key and channel prefix), as the README's two-instance command runs them.
/// </summary>
public sealed partial class AppInstances : IAsyncDisposable
{
    public const string Password = "Scale-pass-123!";

    private readonly List<(Process Process, StringBuilder Log)> processes = [];
    private readonly string directory = Path.Combine(Path.GetTempPath(), "workbench-instances", Guid.NewGuid().ToString("N"));
    private readonly string database = TestServers.NewDatabaseName();
    private readonly string prefix = "wbtest-" + Guid.NewGuid().ToString("N")[..12];

    public List<Uri> Addresses { get; } = [];

    public string ConnectionString => TestServers.PostgresConnection(database);

    /// <summary>The settings every instance gets (the README's environment variables, as configuration keys).</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["Workbench:Database"] = "PostgreSQL",
        ["ConnectionStrings:Workbench"] = ConnectionString,
        ["ConnectionStrings:Redis"] = TestServers.Redis!,
        ["Workbench:RedisPrefix"] = prefix,
        ["Workbench:Demo:Password"] = Password,
        ["Workbench:DataDirectory"] = Path.Combine(Repository.Root, "data"),
        ["Workbench:ImagesDirectory"] = Path.Combine(directory, "images"),
    };

    /// <summary>Starts <paramref name="count"/> instances at once (they migrate and seed under the start-up lock) and waits until each answers.</summary>
    public static async Task<AppInstances> StartAsync(int count)
    {
        var instances = new AppInstances();
        Directory.CreateDirectory(instances.directory);
        var dll = WebDll();
        for (var i = 0; i < count; i++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.Combine(Repository.Root, "src", "Workbench.Web"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(address.ToString());
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            foreach (var (key, value) in instances.Settings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = Process.Start(start)!;
            var log = new StringBuilder();
            process.OutputDataReceived += (_, e) => Append(log, e.Data);
            process.ErrorDataReceived += (_, e) => Append(log, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            instances.processes.Add((process, log));
            instances.Addresses.Add(address);
        }

        foreach (var (address, index) in instances.Addresses.Select((a, i) => (a, i)))
        {
            await instances.WaitUntilUpAsync(address, index);
        }

        return instances;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    public string Log(int index)
    {
        var log = processes[index].Log;
        lock (log)
        {
            return log.ToString();
        }
    }

    private async Task WaitUntilUpAsync(Uri address, int index)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            Assert.False(processes[index].Process.HasExited, $"instance {index} exited: {Log(index)}");
            try
            {
                if ((await http.GetAsync("/Account/Login")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"instance {index} did not answer on {address}: {Log(index)}");
            await Task.Delay(250);
        }
    }

    /// <summary>The app's services over the instances' database (no server started): users, and reading pages back.</summary>
    public WebApplication Services()
    {
        var args = Settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
        return WorkbenchApp.CreateBuilder(args).Build();
    }

    public async Task CreateMembersAsync(IEnumerable<(string Name, ProjectRole Role)> members)
    {
        await using var app = Services();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var projectId = db.Projects.Single(p => p.Name == DemoSeeder.DemoProjectName).Id;
        foreach (var (name, role) in members)
        {
            var user = await UserService.CreateAsync(users, name, Password);
            db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = role });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Signs in as a browser would, across instances: the login form (and its antiforgery token and cookie) from
    /// <paramref name="formFrom"/>, posted to <paramref name="postTo"/>. Returns the cookies for a <c>Cookie</c> header.
    /// </summary>
    public static async Task<string> LoginAsync(Uri formFrom, Uri postTo, string user)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        var html = await http.GetStringAsync(new Uri(formFrom, "/Account/Login"));
        var token = TokenPattern().Match(html).Groups[1].Value;

        // Cookies are per host, not per port: both instances are 127.0.0.1, so the antiforgery cookie goes along.
        var response = await http.PostAsync(new Uri(postTo, "/Account/Login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login of {user} (form from {formFrom}, posted to {postTo}): {(int)response.StatusCode}");
        return cookies.GetCookieHeader(postTo);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        try
        {
            TestServers.DropDatabase(database);
            using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServers.Redis! + ",allowAdmin=false");
            var server = redis.GetServers()[0];
            var db = redis.GetDatabase();
            foreach (var key in server.Keys(pattern: prefix + ":*"))
            {
                await db.KeyDeleteAsync(key);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string WebDll()
    {
        // The test binaries' configuration (bin/Debug or bin/Release) is the one the web project was built in.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(Repository.Root, "src", "Workbench.Web", "bin", configuration, "net10.0", "Workbench.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
