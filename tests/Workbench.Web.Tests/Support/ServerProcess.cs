using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Editing;

namespace Workbench.Web.Tests.Support;

/// <summary>
/// The app as a real separate process (<c>dotnet Workbench.Web.dll</c>) on a loopback port over a SQLite file in its own
/// folder, with the demo accounts and one seed page; for tests that kill the server.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string Password = "Crash-pass-123!";

    private readonly StringBuilder log = new();
    private Process? process;

    private ServerProcess(string directory, int port)
    {
        Directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Directory { get; }

    public Uri BaseAddress { get; }

    public string ConnectionString => $"Data Source={Path.Combine(Directory, "workbench.db")}";

    /// <summary>What the server wrote to stdout and stderr (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>A fresh folder with the seed pages whose names start with <paramref name="seeds"/>, and a free port.</summary>
    public static ServerProcess Create(params string[] seeds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "workbench-server-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "seeds"));
        foreach (var seed in seeds)
        {
            var path = Repository.SeedPath(seed);
            File.Copy(path, Path.Combine(directory, "seeds", Path.GetFileName(path)));
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new ServerProcess(directory, port);
    }

    /// <summary>Starts the app (migrating and seeding on first start) and waits until it answers.</summary>
    public async Task StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Workbench.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Workbench__DataDirectory"] = Directory;
        start.Environment["ConnectionStrings__Workbench"] = ConnectionString;
        start.Environment["Workbench__Demo__Password"] = Password;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            Assert.False(process.HasExited, $"the server exited: {Output}");
            try
            {
                if ((await http.GetAsync("/Account/Login")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, $"the server did not answer: {Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>Kills the server at once (the whole process tree), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Logs in over HTTP (with the antiforgery token) and returns the cookie header.</summary>
    public async Task<string> LoginAsync(string user)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        var html = await http.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(html).Groups[1].Value;
        var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies.GetCookieHeader(BaseAddress);
    }

    public HubConnection Hub(string cookie) => new HubConnectionBuilder()
        .WithUrl(new Uri(BaseAddress, "/hubs/page"), HttpTransportType.WebSockets, o => o.Headers["Cookie"] = cookie)
        .AddJsonProtocol(o => o.PayloadSerializerOptions = WireJson.Options)
        .Build();

    public HttpClient Http(string cookie)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        return http;
    }

    /// <summary>A context on the server's database file (read it while the server is down, or read-only while it runs).</summary>
    public WorkbenchDbContext Db() => new(new DbContextOptionsBuilder<WorkbenchDbContext>().UseSqlite(ConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.Length < 200_000)
            {
                log.AppendLine(line);
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
