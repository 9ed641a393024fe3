using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Data;
using Workbench.Web.Import;

namespace Workbench.Benchmarks;

/// <summary>
/// <c>import [--pages 1000] [--json OUT]</c>: page import throughput through the real app over a fresh SQLite database.
/// Generates N page files from the sample pages in data/seeds/ (seed i mod 3, with a unique line appended so each page
/// has a distinct SHA-256), then imports them as the CLI imports a folder of them (<c>import FOLDER</c>): through
/// <see cref="FileImporter.ImportManyAsync"/>, <see cref="FileImporter.BatchFiles"/> files at a time in one DI scope (each batch
/// parsed and segmented on every core, several pages per transaction), measuring pages/s and lines/s. The files are held in
/// memory, so reading them from disk (as the CLI does) is not measured. Before that, a few pages go into a
/// separate warm-up project (not measured). The baseline: the very lines the app stored (PageId, Number, Original,
/// Text), inserted with raw Microsoft.Data.Sqlite into a fresh database file in one transaction with a prepared
/// command, under the app's pragmas (journal_mode=WAL, synchronous=NORMAL).
/// </summary>
public static class ImportThroughputProbe
{
    private const int WarmUpPages = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var pageCount = 1000;
        string? jsonOut = null;
        string? databaseKind = null;
        string? postgresServer = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pages" when i + 1 < args.Length:
                    pageCount = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--json" when i + 1 < args.Length:
                    jsonOut = args[++i];
                    break;
                case "--database" when i + 1 < args.Length:
                    databaseKind = args[++i];
                    break;
                case "--postgres" when i + 1 < args.Length:
                    postgresServer = args[++i];
                    break;
                default:
                    Console.Error.WriteLine("usage: import [--pages 1000] [--database sqlite|postgres] [--postgres \"Host=…;Port=…;Username=…\"] [--json OUT]");
                    return 2;
            }
        }

        if (pageCount < 1)
        {
            Console.Error.WriteLine("--pages must be at least 1");
            return 2;
        }

        var root = BenchApp.RepoRoot;
        var seeds = Directory.GetFiles(Path.Combine(root, "data", "seeds"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();
        if (seeds.Length == 0)
        {
            Console.Error.WriteLine("no seed pages in data/seeds");
            return 2;
        }

        var directory = Path.Combine(Path.GetTempPath(), "workbench-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var files = Enumerable.Range(0, pageCount).Select(i => Generate(seeds, i, "bench")).ToList();
            var warmUpFiles = Enumerable.Range(0, WarmUpPages).Select(i => Generate(seeds, i, "warm-up")).ToList();

            using var database = BenchDatabase.FromArgs(databaseKind, postgresServer, Path.Combine(directory, "workbench.db"));
            var transactions = new TransactionTimer();
            await using var factory = BenchApp.Start(database, transactions, Path.Combine(directory, "images"));
            var services = factory.Services; // starts the app: migrations, demo seed

            var warmUpProject = await CreateProjectAsync(services, "import-bench warm-up");
            await ImportAllAsync(services, warmUpProject, warmUpFiles);

            var projectId = await CreateProjectAsync(services, "import-bench " + pageCount.ToString(CultureInfo.InvariantCulture));
            transactions.Recording = true;
            var watch = Stopwatch.StartNew();
            var imported = await ImportAllAsync(services, projectId, files);
            watch.Stop();
            transactions.Recording = false;
            var workbenchSeconds = watch.Elapsed.TotalSeconds;
            var held = transactions.Durations;

            var lines = await StoredLinesAsync(services, projectId);
            if (imported != pageCount)
            {
                Console.Error.WriteLine($"imported {imported} pages, expected {pageCount}");
                return 1;
            }

            var rawSeconds = database.IsPostgres ? await RawCopyAsync(database.ConnectionString, lines) : RawInsert(Path.Combine(directory, "raw.db"), lines);

            var lineCount = lines.Count;
            var report = new Report(pageCount, lineCount, workbenchSeconds, rawSeconds, database.Name, held.Count, held.DefaultIfEmpty().Max(), Percentile(held, 0.99));
            Print(report);
            if (jsonOut is not null)
            {
                var json = new Dictionary<string, object>
                {
                    ["pages"] = pageCount,
                    ["lines"] = lineCount,
                    ["pages_per_s"] = Math.Round(pageCount / workbenchSeconds, 1),
                    ["lines_per_s"] = Math.Round(lineCount / workbenchSeconds, 0),
                    ["workbench"] = new Dictionary<string, object>
                    {
                        ["seconds"] = Math.Round(workbenchSeconds, 3),
                        ["pages_per_s"] = Math.Round(pageCount / workbenchSeconds, 1),
                        ["lines_per_s"] = Math.Round(lineCount / workbenchSeconds, 0),
                    },
                    ["raw"] = new Dictionary<string, object>
                    {
                        ["seconds"] = Math.Round(rawSeconds, 3),
                        ["lines_per_s"] = Math.Round(lineCount / rawSeconds, 0),
                    },
                    ["ratio_to_raw"] = Math.Round(workbenchSeconds / rawSeconds, 2),
                    ["database"] = database.Name,
                    ["transactions"] = held.Count,
                    ["longest_transaction_ms"] = Math.Round(report.LongestMs, 1),
                    ["p99_transaction_ms"] = Math.Round(report.P99Ms, 1),
                };
                await BenchJson.WriteAsync(jsonOut, "import", json);
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Page <paramref name="index"/>: seed index mod seeds, plus a line unique to the page (a distinct SHA-256).</summary>
    private static (string Name, byte[] Bytes) Generate(string[] seeds, int index, string tag)
    {
        var seed = seeds[index % seeds.Length];
        var text = new StringBuilder(seed.Length + 64).Append(seed);
        if (!seed.EndsWith('\n'))
        {
            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"本报讯 {tag} 第{index + 1}版 编号{index:D6}。\n");
        return ($"{tag}-{index + 1:D5}.txt", Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static async Task<int> CreateProjectAsync(IServiceProvider services, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var project = new Project { Name = name, CreatedAt = DateTimeOffset.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project.Id;
    }

    /// <summary>
    /// The files through the real importer as the CLI imports a folder: <see cref="FileImporter.ImportManyAsync"/> in batches of
    /// <see cref="FileImporter.BatchFiles"/>, in one DI scope; returns how many were imported.
    /// </summary>
    private static async Task<int> ImportAllAsync(IServiceProvider services, int projectId, List<(string Name, byte[] Bytes)> files)
    {
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<FileImporter>();
        var imported = 0;
        foreach (var batch in files.Chunk(FileImporter.BatchFiles))
        {
            var results = await importer.ImportManyAsync(projectId, [.. batch.Select(f => new PageFile(f.Name, f.Bytes))], ImportFormats.Auto, Workbench.Core.Editing.ArticleStatus.Draft);
            foreach (var outcome in results.SelectMany(r => r.Outcomes))
            {
                if (outcome.Status != ImportStatus.Imported)
                {
                    throw new InvalidOperationException($"{outcome.SourceName}: {outcome.Status}: {outcome.Message}");
                }

                imported++;
            }
        }

        return imported;
    }

    private static async Task<List<(int PageId, int Number, string Original, string Text)>> StoredLinesAsync(IServiceProvider services, int projectId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var rows = await db.Lines.AsNoTracking()
            .Where(l => db.Pages.Any(p => p.Id == l.PageId && p.ProjectId == projectId))
            .OrderBy(l => l.PageId).ThenBy(l => l.Number)
            .Select(l => new { l.PageId, l.Number, l.Original, l.Text })
            .ToListAsync();
        return rows.Select(r => (r.PageId, r.Number, r.Original, r.Text)).ToList();
    }

    /// <summary>The same lines with raw ADO.NET: fresh file, app pragmas, one transaction, one prepared command.</summary>
    private static double RawInsert(string path, List<(int PageId, int Number, string Original, string Text)> lines)
    {
        var watch = Stopwatch.StartNew();
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE Lines(PageId INTEGER, Number INTEGER, Original TEXT, Text TEXT);";
                pragma.ExecuteNonQuery();
            }

            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Lines(PageId, Number, Original, Text) VALUES ($page, $number, $original, $text)";
            var page = insert.Parameters.Add("$page", SqliteType.Integer);
            var number = insert.Parameters.Add("$number", SqliteType.Integer);
            var original = insert.Parameters.Add("$original", SqliteType.Text);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            insert.Prepare();
            foreach (var line in lines)
            {
                page.Value = line.PageId;
                number.Value = line.Number;
                original.Value = line.Original;
                text.Value = line.Text;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        watch.Stop();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// PostgreSQL's baseline: the same lines with binary COPY into a fresh table of the same columns, in one transaction.
    /// </summary>
    private static async Task<double> RawCopyAsync(string connectionString, List<(int PageId, int Number, string Original, string Text)> lines)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new Npgsql.NpgsqlCommand("CREATE TABLE raw_lines (page_id integer, number integer, original text, text text)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var copy = await connection.BeginBinaryImportAsync("COPY raw_lines (page_id, number, original, text) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var line in lines)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(line.PageId, NpgsqlTypes.NpgsqlDbType.Integer);
                    await copy.WriteAsync(line.Number, NpgsqlTypes.NpgsqlDbType.Integer);
                    await copy.WriteAsync(line.Original, NpgsqlTypes.NpgsqlDbType.Text);
                    await copy.WriteAsync(line.Text, NpgsqlTypes.NpgsqlDbType.Text);
                }

                await copy.CompleteAsync();
            }

            await transaction.CommitAsync();
        }

        watch.Stop();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Percentile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    private sealed record Report(int Pages, int Lines, double WorkbenchSeconds, double RawSeconds, string Database, int Transactions, double LongestMs, double P99Ms);

    private static void Print(Report r)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Page import: {r.Pages:N0} pages, {r.Lines:N0} lines ({(r.Database == "SQLite" ? "SQLite, WAL, synchronous=NORMAL" : r.Database)}); {r.Transactions:N0} import transactions, longest {r.LongestMs:F1} ms, p99 {r.P99Ms:F1} ms"));
        Console.WriteLine($"{"path",-34} {"seconds",8} {"pages/s",9} {"lines/s",10} {"ratio",7}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"FileImporter.ImportManyAsync",-34} {r.WorkbenchSeconds,8:F2} {r.Pages / r.WorkbenchSeconds,9:F1} {r.Lines / r.WorkbenchSeconds,10:F0} {r.WorkbenchSeconds / r.RawSeconds,6:F1}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(r.Database == "SQLite" ? "raw Sqlite insert (baseline)" : "raw binary COPY (baseline)"),-34} {r.RawSeconds,8:F2} {"-",9} {r.Lines / r.RawSeconds,10:F0} {1.0,6:F1}x"));
    }


}
