using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Core.Export;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Web.Data;
using Workbench.Web.Export;
using EntityState = Workbench.Core.Editing.EntityState;

namespace Workbench.Benchmarks;

/// <summary>
/// <c>export-project [--articles 50000] [--entities 10] [--json OUT]</c>: a whole-project export through the real app
/// over a fresh SQLite database. Generates pages of 20 approved articles (a headline line and 3 body lines of ~30 CJK
/// characters; every 10th article with 𠀀) with K entities each, then measures, each after a full GC: reading the
/// articles with <see cref="ProjectExport.Articles"/> alone (the baseline), and <see cref="Exporter.Run"/> to
/// ner-jsonl and CoNLL into real files; before that, each phase once over the first 400 articles as a warm-up
/// (not measured). Peak memory is the process's VmHWM, reset before each phase through
/// /proc/self/clear_refs (Linux), so each phase's peak is its own.
/// </summary>
public static class ProjectExportProbe
{
    private const int ArticlesPerPage = 20;
    private const int BodyLines = 3;
    private const int PagesPerBatch = 100;
    private const int LineLength = 30;
    private const int WarmUpArticles = 400;

    private static readonly string[] Filler =
    [
        "在会议上指出", "要坚持稳中求进工作总基调", "推动经济社会高质量发展", "记者从有关部门获悉",
        "今年以来全市经济运行总体平稳", "各项改革举措落地见效", "据介绍", "该项目总投资约十二亿元",
    ];

    private static readonly (string Label, string Text)[] Names =
    [
        ("PER", "徐振朋"), ("LOC", "乌兰察布市"), ("ORG", "新华社"), ("DATE", "三月五日"), ("PER", "张三"),
        ("LOC", "北京"), ("ORG", "北京大学"), ("DATE", "去年"), ("PER", "李四"), ("LOC", "内蒙古自治区"),
        ("ORG", "人民日报社"), ("DATE", "二〇二六年"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var articleCount = 50_000;
        var entityCount = 10;
        string? jsonOut = null;
        string? databaseKind = null;
        string? postgresServer = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--articles" when i + 1 < args.Length:
                    articleCount = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--entities" when i + 1 < args.Length:
                    entityCount = int.Parse(args[++i], CultureInfo.InvariantCulture);
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
                    Console.Error.WriteLine("usage: export-project [--articles 50000] [--entities 10] [--database sqlite|postgres] [--postgres \"Host=…\"] [--json OUT]");
                    return 2;
            }
        }

        if (articleCount < 1 || entityCount < 0)
        {
            Console.Error.WriteLine("--articles must be at least 1 and --entities at least 0");
            return 2;
        }

        var directory = Path.Combine(Path.GetTempPath(), "workbench-export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using var database = BenchDatabase.FromArgs(databaseKind, postgresServer, Path.Combine(directory, "workbench.db"));
            DatabaseName = database.Name;
            await using var factory = BenchApp.Start(database, null, Path.Combine(directory, "images"));
            var services = factory.Services; // starts the app: migrations, demo seed

            var generateWatch = Stopwatch.StartNew();
            var projectId = await GenerateAsync(services, articleCount, entityCount);
            generateWatch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {articleCount:N0} articles × {entityCount} entities in {generateWatch.Elapsed.TotalSeconds:F2} s"));

            // Warm-up, not measured: each phase once over the first pages (JIT, SQLite page cache, EF query cache),
            // so the first measured phase does not pay for what the later ones get for free.
            var warmUp = Path.Combine(directory, "warm-up");
            Directory.CreateDirectory(warmUp);
            Read(services, projectId, WarmUpArticles);
            Export(services, projectId, ExportFormats.NerJsonl, warmUp, WarmUpArticles);
            Export(services, projectId, ExportFormats.Conll, warmUp, WarmUpArticles);

            var read = Measure("read (baseline)", () => Read(services, projectId, int.MaxValue));
            var results = new List<Phase> { read };
            foreach (var format in new[] { ExportFormats.NerJsonl, ExportFormats.Conll })
            {
                var output = Path.Combine(directory, format);
                Directory.CreateDirectory(output);
                results.Add(Measure(format, () => Export(services, projectId, format, output, int.MaxValue)));
            }

            foreach (var phase in results)
            {
                if (phase.Articles != articleCount)
                {
                    Console.Error.WriteLine($"{phase.Name}: {phase.Articles} articles, expected {articleCount}");
                }
            }

            Print(articleCount, entityCount, generateWatch.Elapsed.TotalSeconds, results);
            if (jsonOut is not null)
            {
                var report = new Dictionary<string, object>
                {
                    ["articles"] = articleCount,
                    ["entities_per_article"] = entityCount,
                    ["generate_s"] = Math.Round(generateWatch.Elapsed.TotalSeconds, 3),
                    ["peak_source"] = PeakSource,
                    ["database"] = database.Name,
                    ["read"] = Json(read, null),
                    [ExportFormats.NerJsonl] = Json(results[1], read),
                    [ExportFormats.Conll] = Json(results[2], read),
                };
                await BenchJson.WriteAsync(jsonOut, "export", report);
            }

            return 0;
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

    private static (long Articles, long Entities, long Bytes) Read(IServiceProvider services, int projectId, int limit)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        long n = 0, entities = 0, chars = 0;
        foreach (var article in ProjectExport.Articles(db, projectId).Take(limit))
        {
            n++;
            entities += article.Entities.Count;
            chars += article.Text.Length; // touch the text, as a writer would
        }

        return (n, entities, chars > 0 ? 0 : -1);
    }

    private static (long Articles, long Entities, long Bytes) Export(IServiceProvider services, int projectId, string format, string output, int limit)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var manifest = Exporter.Run(
            ProjectExport.Articles(db, projectId).Take(limit),
            new ExportOptions(format)
            {
                Project = "export-bench",
                ToolVersion = "bench",
                Filters = new Dictionary<string, string> { ["status"] = ProjectExport.StatusApproved },
            },
            name => File.Create(Path.Combine(output, name)));
        return (manifest.Splits.Sum(s => s.Articles), manifest.Splits.Sum(s => s.Entities), manifest.Files.Sum(f => f.Size));
    }

    private static Dictionary<string, object> Json(Phase phase, Phase? baseline)
    {
        var json = new Dictionary<string, object>
        {
            ["seconds"] = Math.Round(phase.Seconds, 3),
            ["peak_mb"] = Math.Round(phase.PeakMb, 1),
            ["allocated_mb"] = Math.Round(phase.AllocatedMb, 1),
            ["heap_after_mb"] = Math.Round(phase.HeapAfterMb, 1),
            ["articles"] = phase.Articles,
            ["entities"] = phase.Entities,
        };
        if (baseline is not null)
        {
            json["bytes_written"] = phase.Bytes;
            json["ratio_to_read"] = Math.Round(phase.Seconds / baseline.Seconds, 2);
        }

        return json;
    }

    private static void Print(int articles, int entities, double generate, List<Phase> phases)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Project export: {articles:N0} approved articles × {entities} entities ({DatabaseName}; generation {generate:F2} s; peak = {PeakSource})"));
        Console.WriteLine($"{"phase",-16} {"seconds",8} {"ratio",7} {"peak MB",8} {"alloc MB",9} {"heap MB",8} {"articles",9} {"entities",9} {"file MB",8}");
        var read = phases[0];
        foreach (var p in phases)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{p.Name,-16} {p.Seconds,8:F2} {p.Seconds / read.Seconds,6:F2}x {p.PeakMb,8:F1} {p.AllocatedMb,9:F1} {p.HeapAfterMb,8:F1} {p.Articles,9} {p.Entities,9} {p.Bytes / 1048576.0,8:F1}"));
        }
    }

    private sealed record Phase(string Name, double Seconds, double PeakMb, double AllocatedMb, double HeapAfterMb, long Articles, long Entities, long Bytes);

    private static string PeakSource { get; set; } = "VmHWM";

    private static string DatabaseName { get; set; } = "SQLite";

    private static Phase Measure(string name, Func<(long Articles, long Entities, long Bytes)> run)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        ResetPeak();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var (articles, entities, bytes) = run();
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peak = PeakBytes();
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var phase = new Phase(name, watch.Elapsed.TotalSeconds, peak / 1048576.0, allocated / 1048576.0, heap / 1048576.0, articles, entities, bytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {phase.Seconds:F2} s, peak {phase.PeakMb:F1} MB, allocated {phase.AllocatedMb:F1} MB"));
        return phase;
    }

    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            PeakSource = "process peak working set (VmHWM reset failed: peaks are cumulative)";
        }
    }

    private static long PeakBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kb * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        PeakSource = "process peak working set";
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    private static async Task<int> GenerateAsync(IServiceProvider services, int articleCount, int entityCount)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var project = new Project { Name = "export-bench " + articleCount.ToString(CultureInfo.InvariantCulture), CreatedAt = DateTimeOffset.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        var projectId = project.Id;
        db.ChangeTracker.Clear();

        var pageCount = (articleCount + ArticlesPerPage - 1) / ArticlesPerPage;
        var article = 0;
        for (var p = 0; p < pageCount; p++)
        {
            var onPage = Math.Min(ArticlesPerPage, articleCount - article);
            var page = new Page
            {
                ProjectId = projectId,
                SourceName = $"bench-{p + 1:D5}.txt",
                Format = SourceFormat.Text,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"export-bench page {p}"))),
                Publication = "Bench Daily",
                IssueDate = new DateOnly(2026, 1, 1).AddDays(p % 365),
                PageNumber = (p % 8) + 1,
                ImportedAt = DateTimeOffset.UtcNow,
            };
            PageStore.Fill(page, BuildState(article, onPage, entityCount));
            db.Pages.Add(page);
            article += onPage;
            if ((p + 1) % PagesPerBatch == 0 || p == pageCount - 1)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        return projectId;
    }

    /// <summary>
    /// One page: <paramref name="count"/> articles from global index <paramref name="first"/>, each a headline line and
    /// <see cref="BodyLines"/> body lines; its entities spread over its lines, never overlapping, always inside a line.
    /// </summary>
    private static PageState BuildState(int first, int count, int entityCount)
    {
        var lines = ImmutableSortedDictionary.CreateBuilder<int, LineState>();
        var articles = ImmutableList.CreateBuilder<ArticleState>();
        var entities = ImmutableList.CreateBuilder<EntityState>();
        var lineNumber = 0;
        var entityKey = 1;
        var text = new StringBuilder(64);
        for (var a = 0; a < count; a++)
        {
            var index = first + a;
            var wide = index % 10 == 0;
            var linesPerArticle = 1 + BodyLines;
            var firstLine = lineNumber + 1;
            for (var l = 0; l < linesPerArticle; l++)
            {
                lineNumber++;
                text.Clear();
                if (wide && l == 0)
                {
                    text.Append("𠀀");
                }

                // Entities of this article on this line: k ≡ l (mod lines).
                var onLine = entityCount / linesPerArticle + (l < entityCount % linesPerArticle ? 1 : 0);
                for (var e = 0; e < onLine; e++)
                {
                    var k = l + (e * linesPerArticle);
                    var filler = Filler[(index + k) % Filler.Length];
                    text.Append(filler.AsSpan(0, Math.Min(filler.Length, 2 + ((index + k) % 3))));
                    var (label, name) = Names[(index + k) % Names.Length];
                    if (wide && k % 3 == 1)
                    {
                        name = "𠀀" + name; // a supplementary-plane character inside an entity
                    }

                    var start = text.Length;
                    text.Append(name);
                    entities.Add(new EntityState(entityKey++, label, new Anchor(lineNumber, start), new Anchor(lineNumber, text.Length), name, EntitySource.Manual));
                }

                var f = index + l;
                while (text.Length < LineLength)
                {
                    text.Append(Filler[f++ % Filler.Length]);
                }

                text.Append('。');
                var value = text.ToString();
                lines[lineNumber] = new LineState(lineNumber, value, value);
            }

            var title = lines[firstLine].Text;
            articles.Add(new ArticleState(
                a + 1,
                title.Length > Article.MaxTitle ? title[..Article.MaxTitle] : title,
                ArticleStatus.Approved,
                [new BlockState(BlockRole.Headline, firstLine, firstLine), new BlockState(BlockRole.Body, firstLine + 1, lineNumber)]));
        }

        return new PageState(0, lines.ToImmutable(), articles.ToImmutable(), entities.ToImmutable(), count + 1, entityKey);
    }


}
