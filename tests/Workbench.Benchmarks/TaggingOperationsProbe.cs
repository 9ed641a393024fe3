using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Import;

namespace Workbench.Benchmarks;

/// <summary>
/// <c>tagging [--json OUT]</c>: the server cost of tagging on a large page, through the real app over a fresh SQLite
/// database. A generated 700-line page is imported, 500 entities are added (one batch), then 300 tagging operations
/// (add, relabel, remove in turn) go through <see cref="PageEditService.ApplyAsync"/>, each timed; the baseline is
/// <see cref="PageStore.LoadAsync"/> of the same page alone, so the ratio says how many page loads an operation costs.
/// Rendering: GET /Editor/{id} (median of 20) against GET of a trivial page (/Status/404) by the same client.
/// </summary>
public static partial class TaggingOperationsProbe
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const int LineCount = 700;
    private const int EntityCount = 500;
    private const int OperationCount = 300;
    private const int RenderRuns = 20;
    private const string Password = BenchApp.Password;

    public static async Task RunAsync(string[] args)
    {
        var jsonOut = args.Length >= 2 && args[0] == "--json" ? args[1] : null;
        var directory = Path.Combine(Path.GetTempPath(), "workbench-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var factory = BenchApp.Start(Path.Combine(directory, "workbench.db"));
            var services = factory.Services;
            var (pageId, userId) = await SetUpAsync(services);

            var load = new List<double>();
            var add = new List<double>();
            var relabel = new List<double>();
            var remove = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                await TimeLoadAsync(services, pageId); // warm-up
            }

            // Warm-up of the edit path, then the measured cycle: add an entity, relabel it, remove it. The baseline
            // loads are interleaved with the operations (one before each), so both see the same machine noise.
            await CycleAsync(services, pageId, userId, 0, [], [], [], null);
            for (var i = 1; i <= OperationCount / 3; i++)
            {
                await CycleAsync(services, pageId, userId, i, add, relabel, remove, load);
            }

            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await LoginAsync(client);
            var workbench = await TimeGetsAsync(client, $"/Editor/{pageId}");
            var trivial = await TimeGetsAsync(client, "/Status/404");

            var all = add.Concat(relabel).Concat(remove).ToList();
            var rows = new List<Row>
            {
                Row.Of("PageStore.LoadAsync (baseline)", load, load),
                Row.Of("addEntity", add, load),
                Row.Of("relabelEntity", relabel, load),
                Row.Of("removeEntity", remove, load),
                Row.Of("all tagging operations", all, load),
                Row.Of("GET trivial page (baseline)", trivial, trivial),
                Row.Of("GET /Editor/{id}", workbench, trivial),
            };
            Print(rows);
            if (jsonOut is not null)
            {
                var report = new
                {
                    page = new { lines = LineCount, entities = EntityCount, operations = all.Count, renderRuns = RenderRuns },
                    rows = rows.Select(r => new { name = r.Name, count = r.Count, p50Ms = Math.Round(r.P50, 3), p99Ms = Math.Round(r.P99, 3), p50Ratio = Math.Round(r.Ratio, 2) }),
                };
                await File.WriteAllTextAsync(jsonOut, JsonSerializer.Serialize(report, Indented));
                Console.WriteLine($"wrote {jsonOut}");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }


    private sealed record Row(string Name, int Count, double P50, double P99, double Ratio)
    {
        public static Row Of(string name, List<double> samples, List<double> baseline) =>
            new(name, samples.Count, Percentile(samples, 0.5), Percentile(samples, 0.99), Percentile(samples, 0.5) / Percentile(baseline, 0.5));
    }

    private static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.OrderBy(x => x).ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static void Print(List<Row> rows)
    {
        Console.WriteLine($"Tagging on a {LineCount}-line page with {EntityCount} entities (SQLite, one process)");
        Console.WriteLine($"{"measure",-34} {"n",5} {"p50 ms",9} {"p99 ms",9} {"p50 ratio",10}");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-34} {r.Count,5} {r.P50,9:F2} {r.P99,9:F2} {r.Ratio,9:F2}x"));
        }
    }

    /// <summary>Imports the 700-line page with its 500 entities into the demo project (also used by browser-live).</summary>
    internal static async Task<(int PageId, string UserId)> SetUpAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByNameAsync("admin") ?? throw new InvalidOperationException("no demo admin");
        var projectId = await db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync();
        var importer = scope.ServiceProvider.GetRequiredService<PageImporter>();
        var outcome = await importer.ImportAsync(projectId, "bench-700.txt", Encoding.UTF8.GetBytes(GeneratePage()));
        var pageId = outcome.PageId ?? throw new InvalidOperationException(outcome.Message);

        // 500 entities: the first two characters of each of the first 500 non-blank lines, one batch.
        var (_, state) = (await PageStore.LoadAsync(db, pageId))!.Value;
        var owned = state.LineOwners();
        var operations = state.Lines.Values
            .Where(l => l.Text.Trim().Length >= 8 && owned.ContainsKey(l.Number))
            .Take(EntityCount)
            .Select((l, i) => (PageOperation)new AddEntity(i % 2 == 0 ? "PER" : "LOC", new Anchor(l.Number, 0), new Anchor(l.Number, 2), l.Text[..2]))
            .ToList();
        var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
        var (result, _) = await edits.ApplyAsync(pageId, admin.Id, "admin", ProjectRole.Admin, state.Version, new Batch(operations));
        if (!result.Accepted || operations.Count != EntityCount)
        {
            throw new InvalidOperationException($"setup failed: {result.Reason} ({operations.Count} entities)");
        }

        return (pageId, admin.Id);
    }

    /// <summary>Paragraphs of generated CJK prose, 14–20 characters a line, a blank line every 12 lines.</summary>
    private static string GeneratePage()
    {
        var random = new Random(7);
        var text = new StringBuilder();
        for (var i = 0; i < LineCount; i++)
        {
            if (i % 12 == 11)
            {
                text.Append('\n');
                continue;
            }

            var length = random.Next(14, 21);
            for (var k = 0; k < length; k++)
            {
                text.Append(k == length - 1 && i % 3 == 0 ? '。' : (char)random.Next(0x4E00, 0x4E00 + 2500));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static async Task<double> TimeLoadAsync(IServiceProvider services, int pageId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var watch = Stopwatch.StartNew();
        _ = await PageStore.LoadAsync(db, pageId);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task CycleAsync(IServiceProvider services, int pageId, string userId, int i, List<double> add, List<double> relabel, List<double> remove, List<double>? load)
    {
        int version;
        Anchor start;
        Anchor end;
        string text;
        await using (var scope = services.CreateAsyncScope())
        {
            var (_, state) = (await PageStore.LoadAsync(scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>(), pageId))!.Value;
            version = state.Version;
            var owned = state.LineOwners();
            var lines = state.Lines.Values.Where(l => l.Text.Trim().Length >= 8 && owned.ContainsKey(l.Number)).ToList();
            var line = lines[(i * 7) % lines.Count];
            start = new Anchor(line.Number, 4);
            end = new Anchor(line.Number, 7);
            text = line.Text[4..7];
        }

        load?.Add(await TimeLoadAsync(services, pageId));
        var (outcome, applied) = await TimeApplyAsync(services, pageId, userId, version, new AddEntity("ORG", start, end, text), add);
        var key = applied!.Patch.Entities.Single().Key;
        load?.Add(await TimeLoadAsync(services, pageId));
        (outcome, _) = await TimeApplyAsync(services, pageId, userId, outcome.Version, new RelabelEntity(key, "ORG", "DATE"), relabel);
        load?.Add(await TimeLoadAsync(services, pageId));
        await TimeApplyAsync(services, pageId, userId, outcome.Version, new RemoveEntity(key), remove);
    }

    private static async Task<(ApplyOutcome, AppliedOperation?)> TimeApplyAsync(IServiceProvider services, int pageId, string userId, int version, PageOperation operation, List<double> samples)
    {
        await using var scope = services.CreateAsyncScope();
        var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
        var watch = Stopwatch.StartNew();
        var result = await edits.ApplyAsync(pageId, userId, "admin", ProjectRole.Admin, version, operation);
        samples.Add(watch.Elapsed.TotalMilliseconds);
        if (!result.Outcome.Accepted)
        {
            throw new InvalidOperationException($"{operation.GetType().Name} refused: {result.Outcome.Reason}");
        }

        return result;
    }

    private static async Task<List<double>> TimeGetsAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var samples = new List<double>();
        for (var i = 0; i < RenderRuns + 3; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != expected || body.Length == 0)
            {
                throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
            }

            if (i >= 3)
            {
                samples.Add(elapsed); // the first three warm up
            }
        }

        return samples;
    }

    private static async Task LoginAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(html).Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("login failed: " + (int)response.StatusCode);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

}
