using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Benchmarks.Live;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Benchmarks;

/// <summary>
/// <c>scale [--pages 10000] [--requests 25] [--json OUT]</c>: does opening a page, listing a project's pages and the
/// review queue stay flat as a project grows? Builds a project of N pages (20 articles, 60 lines and 100 entities a
/// page; one article in 40 submitted for review, with its setStatus operation) with raw Microsoft.Data.Sqlite bulk
/// inserts in one transaction into the schema the app's migrations created, then times real HTTP requests
/// (loopback, Kestrel, logged-in cookie; median of <c>--requests</c> after warm-up) against the same requests on a
/// 10-page project built the same way in its own database. JSON: medians and <c>ratio_to_small</c> per request.
/// <c>--plans FILE</c> writes every SQL statement of one request of each kind with its time and EXPLAIN QUERY PLAN.
/// </summary>
public static class ScaleBenchmark
{
    public const int SmallPages = 10;
    private const int ArticlesPerPage = 20;
    private const int LinesPerArticle = 3;
    private const int EntitiesPerArticle = 5;
    private const int SubmittedEvery = 40;
    private const int WarmUp = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var pages = 10_000;
        var requests = 25;
        string? jsonOut = null;
        string? plansOut = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pages" when i + 1 < args.Length:
                    pages = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--requests" when i + 1 < args.Length:
                    requests = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--json" when i + 1 < args.Length:
                    jsonOut = args[++i];
                    break;
                case "--plans" when i + 1 < args.Length:
                    plansOut = args[++i];
                    break;
                default:
                    Console.Error.WriteLine("usage: scale [--pages 10000] [--requests 25] [--json OUT] [--plans OUT.txt]");
                    return 2;
            }
        }

        if (pages < 1 || requests < 1)
        {
            Console.Error.WriteLine("--pages and --requests must be at least 1");
            return 2;
        }

        await using var plans = plansOut is null ? null : new StreamWriter(plansOut);
        var small = await MeasureAsync(SmallPages, requests, plans);
        var large = await MeasureAsync(pages, requests, plans);
        var result = Compose(pages, requests, small, large);
        Print(result);
        await BenchJson.WriteAsync(jsonOut, "scale", result);
        return 0;
    }

    /// <summary>Request name → median ms, for one project size.</summary>
    public sealed record Measurement(int Pages, long Articles, long Entities, long Submitted, double BuildSeconds, IReadOnlyDictionary<string, double> MedianMs);

    public static Dictionary<string, object> Compose(int pages, int requests, Measurement small, Measurement large)
    {
        var result = new Dictionary<string, object>
        {
            ["pages"] = pages,
            ["small_pages"] = small.Pages,
            ["requests"] = requests,
            ["articles"] = large.Articles,
            ["entities"] = large.Entities,
            ["submitted"] = large.Submitted,
            ["build_s"] = Math.Round(large.BuildSeconds, 1),
        };
        foreach (var (name, ms) in large.MedianMs)
        {
            var baseline = small.MedianMs[name];
            result[name] = new Dictionary<string, object>
            {
                ["median_ms"] = Math.Round(ms, 2),
                ["small_median_ms"] = Math.Round(baseline, 2),
                ["ratio_to_small"] = Math.Round(ms / baseline, 2),
            };
        }

        return result;
    }

    private static void Print(Dictionary<string, object> result)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: {result["pages"]:N0} pages ({result["articles"]:N0} articles, {result["entities"]:N0} entities, {result["submitted"]:N0} submitted; built in {result["build_s"]} s) vs. {result["small_pages"]} pages; median of {result["requests"]} requests"));
        Console.WriteLine($"{"request",-16} {"large ms",9} {"small ms",9} {"ratio",6}");
        foreach (var (name, value) in result)
        {
            if (value is Dictionary<string, object> row)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-16} {row["median_ms"],9:F2} {row["small_median_ms"],9:F2} {row["ratio_to_small"],6:F2}"));
            }
        }
    }

    /// <summary>Each SQL statement of one request, slowest first, with its time and SQLite's query plan.</summary>
    private static void Explain(TextWriter plans, string databasePath, int pageCount, string request, IReadOnlyList<SqlRecorder.Command> commands)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        connection.Open();
        plans.WriteLine(string.Create(CultureInfo.InvariantCulture, $"=== {pageCount} pages: {request}: {commands.Count} statements, {commands.Sum(c => c.Ms):F1} ms in SQL"));
        foreach (var command in commands.OrderByDescending(c => c.Ms))
        {
            plans.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--- {command.Ms:F2} ms"));
            plans.WriteLine(command.Sql.Trim());
            using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
            foreach (var (name, value) in command.Parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            try
            {
                using var reader = explain.ExecuteReader();
                while (reader.Read())
                {
                    plans.WriteLine("    plan: " + reader.GetString(3));
                }
            }
            catch (SqliteException e)
            {
                plans.WriteLine("    plan: (not explained: " + e.Message + ")");
            }
        }

        plans.Flush();
    }

    private static async Task<Measurement> MeasureAsync(int pageCount, int requests, TextWriter? plans)
    {
        using var factory = new LiveFactory();
        factory.Start();
        int projectId;
        string adminId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var project = await ProjectService.GetOrCreateAsync(db, $"scale {pageCount}", TimeProvider.System);
            projectId = project.Id;
            adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
            db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = adminId, Role = ProjectRole.Admin });
            await db.SaveChangesAsync();
        }

        var watch = Stopwatch.StartNew();
        var (articles, entities, submitted, middlePage) = Build(factory.DatabasePath, projectId, adminId, pageCount);
        var buildSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"built {pageCount:N0} pages, {articles:N0} articles, {entities:N0} entities in {buildSeconds:F1} s"));

        var cookie = await LiveBenchmark.LoginAsync(factory.BaseAddress, "admin");
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = factory.BaseAddress };
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        var lastListPage = Math.Max(1, (pageCount + 49) / 50);
        var targets = new Dictionary<string, string>
        {
            ["open_page"] = $"/Editor/{middlePage}",
            ["list_pages"] = $"/Projects/{projectId}",
            ["list_pages_last"] = $"/Projects/{projectId}?p={lastListPage}",
            ["review_queue"] = $"/Projects/{projectId}/Review",
            ["my_work"] = $"/Projects/{projectId}/MyWork",
            ["dashboard"] = $"/Projects/{projectId}/Dashboard",
            ["projects"] = "/",
        };
        var medians = new Dictionary<string, double>();
        foreach (var (name, path) in targets)
        {
            var times = new List<double>();
            for (var i = 0; i < WarmUp + requests; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
                {
                    throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
                }

                if (i >= WarmUp)
                {
                    times.Add(elapsed);
                }
            }

            if (plans is not null)
            {
                factory.Sql.Take();
                factory.Sql.Recording = true;
                using (var traced = await http.GetAsync(path))
                {
                    await traced.Content.ReadAsStringAsync();
                }

                factory.Sql.Recording = false;
                Explain(plans, factory.DatabasePath, pageCount, name, factory.Sql.Take());
            }

            times.Sort();
            medians[name] = times[times.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {pageCount,6} pages  {name,-16} median {medians[name],8:F2} ms  ({path})"));
        }

        return new Measurement(pageCount, articles, entities, submitted, buildSeconds, medians);
    }

    /// <summary>Bulk insert of the project's pages, lines, articles, blocks, entities and review operations in one transaction.</summary>
    private static (long Articles, long Entities, long Submitted, int MiddlePage) Build(string databasePath, int projectId, string authorId, int pageCount)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var labels = new List<string>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Name FROM Labels WHERE ProjectId = $p ORDER BY Ordinal";
            read.Parameters.AddWithValue("$p", projectId);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                labels.Add(reader.GetString(0));
            }
        }

        if (labels.Count == 0)
        {
            labels.Add("PER");
        }

        SqliteCommand Prepare(string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
            return command;
        }

        using var page = Prepare(
            "INSERT INTO Pages (ProjectId, SourceName, Format, Sha256, Publication, IssueDate, PageNumber, Version, NextArticleKey, NextEntityKey, ImportedAt) " +
            "VALUES ($project, $source, 'Text', $sha, $publication, $date, $number, $version, $nextArticle, $nextEntity, $at) RETURNING Id",
            "$project", "$source", "$sha", "$publication", "$date", "$number", "$version", "$nextArticle", "$nextEntity", "$at");
        using var line = Prepare("INSERT INTO Lines (PageId, Number, Original, Text) VALUES ($page, $number, $text, $text)", "$page", "$number", "$text");
        using var article = Prepare(
            "INSERT INTO Articles (PageId, Key, Ordinal, Title, Status, AssigneeId, Confidence, SubmittedAt, SubmittedBy) VALUES ($page, $key, $ordinal, $title, $status, $assignee, 0.9, $submittedAt, $submittedBy) RETURNING Id",
            "$page", "$key", "$ordinal", "$title", "$status", "$assignee", "$submittedAt", "$submittedBy");
        using var block = Prepare("INSERT INTO Blocks (ArticleId, Ordinal, Role, FirstLine, LastLine) VALUES ($article, 0, 'Body', $first, $last)", "$article", "$first", "$last");
        using var entity = Prepare(
            "INSERT INTO Entities (PageId, Key, Label, StartLine, StartOffset, EndLine, EndOffset, Text, Source) VALUES ($page, $key, $label, $line, $start, $line, $end, $text, 'Manual')",
            "$page", "$key", "$label", "$line", "$start", "$end", "$text");
        using var operation = Prepare(
            "INSERT INTO Operations (PageId, Sequence, AuthorId, At, Kind, Payload, ArticleKey, ChangesContent) VALUES ($page, $sequence, $author, $at, 'setStatus', $payload, $key, 0)",
            "$page", "$sequence", "$author", "$at", "$payload", "$key");

        static void Set(SqliteCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

        const string Sample = "内蒙古日报讯本报记者从自治区农牧业厅获悉今年全区粮食总产量再创新高达到历史最好水平";
        var start = new DateTime(2020, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        long articles = 0, entities = 0, submitted = 0;
        var middlePage = 0;
        for (var p = 0; p < pageCount; p++)
        {
            var opsOnPage = new List<int>();
            for (var a = 0; a < ArticlesPerPage; a++)
            {
                if ((p * ArticlesPerPage + a) % SubmittedEvery == 7)
                {
                    opsOnPage.Add(a + 1);
                }
            }

            Set(page, "$project", projectId);
            Set(page, "$source", $"scale_{p:D6}.txt");
            Set(page, "$sha", $"{p:x64}");
            Set(page, "$publication", p % 2 == 0 ? "内蒙古日报" : "包头日报");
            Set(page, "$date", DateOnly.FromDateTime(start.AddDays(p / 8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Set(page, "$number", p % 8 + 1);
            Set(page, "$version", opsOnPage.Count);
            Set(page, "$nextArticle", ArticlesPerPage + 1);
            Set(page, "$nextEntity", ArticlesPerPage * EntitiesPerArticle + 1);
            Set(page, "$at", start.AddMinutes(p).Ticks);
            var pageId = Convert.ToInt32(page.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (p == pageCount / 2)
            {
                middlePage = pageId;
            }

            Set(line, "$page", pageId);
            Set(article, "$page", pageId);
            Set(entity, "$page", pageId);
            for (var n = 1; n <= ArticlesPerPage * LinesPerArticle; n++)
            {
                Set(line, "$number", n);
                Set(line, "$text", Sample[(n % 10)..] + n.ToString(CultureInfo.InvariantCulture));
                line.ExecuteNonQuery();
            }

            var entityKey = 1;
            for (var a = 0; a < ArticlesPerPage; a++)
            {
                var key = a + 1;
                var status = opsOnPage.Contains(key) ? ArticleStatus.Submitted : (p + a) % 5 == 0 ? ArticleStatus.Approved : ArticleStatus.Draft;
                Set(article, "$key", key);
                Set(article, "$ordinal", a);
                Set(article, "$title", $"第{key}篇 {Sample[..8]}");
                Set(article, "$status", status.ToString());
                Set(article, "$assignee", a % 4 == 0 ? authorId : null);
                var submission = opsOnPage.IndexOf(key); // the same time as its setStatus operation below
                Set(article, "$submittedAt", submission < 0 ? null : (object)start.AddMinutes(p).AddSeconds(submission).Ticks);
                Set(article, "$submittedBy", submission < 0 ? null : authorId);
                var articleId = Convert.ToInt32(article.ExecuteScalar(), CultureInfo.InvariantCulture);
                var first = a * LinesPerArticle + 1;
                Set(block, "$article", articleId);
                Set(block, "$first", first);
                Set(block, "$last", first + LinesPerArticle - 1);
                block.ExecuteNonQuery();
                articles++;
                for (var e = 0; e < EntitiesPerArticle; e++)
                {
                    var lineNumber = first + e % LinesPerArticle;
                    var offset = e * 4 % 20;
                    Set(entity, "$key", entityKey++);
                    Set(entity, "$label", labels[e % labels.Count]);
                    Set(entity, "$line", lineNumber);
                    Set(entity, "$start", offset);
                    Set(entity, "$end", offset + 3);
                    Set(entity, "$text", (Sample[(lineNumber % 10)..] + lineNumber.ToString(CultureInfo.InvariantCulture)).Substring(offset, 3));
                    entity.ExecuteNonQuery();
                    entities++;
                }
            }

            for (var s = 0; s < opsOnPage.Count; s++)
            {
                var key = opsOnPage[s];
                Set(operation, "$page", pageId);
                Set(operation, "$sequence", s + 1);
                Set(operation, "$author", authorId);
                Set(operation, "$at", start.AddMinutes(p).AddSeconds(s).Ticks);
                Set(operation, "$payload", PageOperationJson.Serialize(new SetStatus(key, ArticleStatus.Draft, ArticleStatus.Submitted)));
                Set(operation, "$key", key);
                operation.ExecuteNonQuery();
                submitted++;
            }
        }

        transaction.Commit();
        using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "PRAGMA optimize";
            analyze.ExecuteNonQuery();
        }

        return (articles, entities, submitted, middlePage);
    }
}
