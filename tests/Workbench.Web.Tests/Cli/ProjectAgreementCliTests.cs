using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Cli;
using Workbench.Web.Data;

namespace Workbench.Web.Tests.Cli;

/// <summary>
/// `import FILE --annotator USER` and `agreement --project`, over a real SQLite file: two annotators' CLUENER files of the
/// same texts (B = A with a span dropped, one relabelled, one shifted, one added) imported as two layers give, through
/// the app's layers, joined texts and anchor mapping, the same figures as `agreement FILE_A FILE_B` on the files.
/// </summary>
public sealed class ProjectAgreementCliTests : IDisposable
{
    private const string Project = "Double";

    private static readonly (string Text, (int Start, int End, string Label)[] Spans)[] TextsA =
    [
        ("浙商银行企业信贷部叶老桂博士则从另一个角度对五道门槛进行了解读。", [(0, 4, "company"), (9, 12, "name")]),
        ("𠀀张三在北京😀见李四。", [(1, 3, "name"), (4, 6, "address"), (8, 10, "name")]),
        ("第一行讲上海\n第二行讲华为公司", [(4, 6, "address"), (11, 15, "company")]),
        ("没有实体的文本", []),
    ];

    // B: 叶老桂 relabelled name → position, 李四 dropped, 华为公司 shifted to 华为, 文本 added as a new span.
    private static readonly (string Text, (int Start, int End, string Label)[] Spans)[] TextsB =
    [
        (TextsA[0].Text, [(0, 4, "company"), (9, 12, "position")]),
        (TextsA[1].Text, [(1, 3, "name"), (4, 6, "address")]),
        (TextsA[2].Text, [(4, 6, "address"), (11, 13, "company")]),
        (TextsA[3].Text, [(5, 7, "book")]),
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("workbench-project-agreement-").FullName;

    private string[] HostArgs => [$"--ConnectionStrings:Workbench=Data Source={Path.Combine(directory, "cli.db")}"];

    [Fact]
    public async Task TwoAnnotatorsImportedAsLayers_GiveTheFiguresOfTheTwoFileAgreement()
    {
        var a = await WriteAsync("a.json", Cluener(TextsA));
        var b = await WriteAsync("b.json", Cluener(TextsB));

        var (code, stdout, stderr) = await RunAsync("import", a, "--project", Project, "--format", "cluener", "--annotator", "alice");
        Assert.True(code == 0, stderr);
        Assert.Contains("Created alice; password: ", stdout, StringComparison.Ordinal);
        Assert.Contains($"{Project} is in independent mode.", stdout, StringComparison.Ordinal);
        (code, stdout, stderr) = await RunAsync("import", b, "--project", Project, "--format", "cluener", "--annotator", "bob");
        Assert.True(code == 0, stderr);
        Assert.Contains("Created bob; password: ", stdout, StringComparison.Ordinal);
        Assert.Contains("b.json: 4 articles annotated by bob with 7 entities, layers submitted.", stdout, StringComparison.Ordinal);

        // The same annotator again: refused by record, nothing written.
        (code, _, stderr) = await RunAsync("import", b, "--project", Project, "--format", "cluener", "--annotator", "bob");
        Assert.Equal(1, code);
        Assert.Contains("b.json: record 1: the article already has a layer by bob", stderr, StringComparison.Ordinal);

        await using (var db = OpenDb())
        {
            var project = await db.Projects.SingleAsync(p => p.Name == Project);
            Assert.Equal(AnnotationMode.Independent, project.AnnotationMode);
            var ids = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
            Assert.Equal(1, await db.Pages.CountAsync()); // the second file went onto the first file's articles
            Assert.Equal(7, await db.Entities.CountAsync(e => e.Layer == ids["alice"]));
            Assert.Equal(7, await db.Entities.CountAsync(e => e.Layer == ids["bob"]));
            Assert.Equal(0, await db.Entities.CountAsync(e => e.Layer == null));
            foreach (var article in await db.Articles.ToListAsync())
            {
                var layers = ArticleLayers.Read(article.Layers)!;
                Assert.Equal([new LayerState(ids["alice"], true), new LayerState(ids["bob"], true)], layers.OrderBy(l => l.Annotator == ids["bob"]));
            }

            Assert.All(await db.ProjectMembers.ToListAsync(), m => Assert.Equal(ProjectRole.Annotator, m.Role));
            // bob's layer went through the edit path and the log: one logged batch per article, by bob, with the article's key.
            Assert.Equal(4, await db.Operations.CountAsync(o => o.Layer == ids["bob"] && o.AuthorId == ids["bob"] && o.ArticleKey != null && o.Kind == "batch"));
        }

        var files = Path.Combine(directory, "files.json");
        (code, _, stderr) = await RunAsync("agreement", a, b, "--json", files);
        Assert.True(code == 0, stderr);
        var projectJson = Path.Combine(directory, "project.json");
        (code, stdout, stderr) = await RunAsync("agreement", "--project", Project, "--json", projectJson);
        Assert.True(code == 0, stderr);

        using var fromFiles = JsonDocument.Parse(await File.ReadAllTextAsync(files));
        using var fromProject = JsonDocument.Parse(await File.ReadAllTextAsync(projectJson));
        var expected = fromFiles.RootElement;
        var root = fromProject.RootElement;
        Assert.Equal(["alice", "bob"], root.GetProperty("annotators").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(4, root.GetProperty("articles").GetInt32());
        var pair = Assert.Single(root.GetProperty("pairs").EnumerateArray());
        Assert.Equal(("alice", "bob", 4), (pair.GetProperty("a").GetString(), pair.GetProperty("b").GetString(), pair.GetProperty("articles").GetInt32()));
        var f1 = expected.GetProperty("exact").GetProperty("f1").GetDouble();
        Assert.Equal(2.0 * 4 / (7 + 7), f1, 12); // 浙商银行, 张三, 北京, 上海 match: a count made by hand
        Assert.Equal(f1, pair.GetProperty("spanF1").GetDouble(), 12);
        Assert.Equal(expected.GetProperty("overlap").GetProperty("f1").GetDouble(), pair.GetProperty("spanF1Overlap").GetDouble(), 12);
        Assert.Equal(expected.GetProperty("cohenKappa").GetDouble(), pair.GetProperty("cohenKappa").GetDouble(), 12);
        Assert.Equal(expected.GetProperty("krippendorffAlpha").GetDouble(), root.GetProperty("krippendorffAlpha").GetDouble(), 12);
        Assert.Equal(expected.GetProperty("cohenKappa").GetDouble(), root.GetProperty("fleissKappa").GetDouble(), 2); // two raters: Fleiss' κ is Scott's π, close to Cohen's
        var perLabel = root.GetProperty("perLabel");
        foreach (var label in new[] { "company", "name", "address", "position", "book" })
        {
            Assert.Equal(
                expected.GetProperty("perLabel").GetProperty(label).GetProperty("exact").GetProperty("f1").ValueKind == JsonValueKind.Null ? (double?)null : expected.GetProperty("perLabel").GetProperty(label).GetProperty("exact").GetProperty("f1").GetDouble(),
                perLabel.GetProperty(label).GetProperty("spanF1").ValueKind == JsonValueKind.Null ? null : perLabel.GetProperty(label).GetProperty("spanF1").GetDouble());
        }

        Assert.Equal(0.0, perLabel.GetProperty("book").GetProperty("spanF1").GetDouble()); // 0 of 1 matched: F1 0, defined
        Assert.Contains("alice        bob", stdout, StringComparison.Ordinal);
        Assert.Contains($"Krippendorff's α over code points: {F(expected.GetProperty("krippendorffAlpha").GetDouble())}", stdout, StringComparison.Ordinal);

        // The export: gold only (no layer's entity), the layer annotators on every article, the agreement in the manifest.
        var outDir = Path.Combine(directory, "out");
        (code, _, stderr) = await RunAsync("export", "--project", Project, "--format", "ner-jsonl", "--out", outDir, "--status", "all", "--split", "none");
        Assert.True(code == 0, stderr);
        var records = (await File.ReadAllLinesAsync(Path.Combine(outDir, "ner.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, records.Count);
        Assert.All(records, r => Assert.Equal(["alice", "bob"], r.GetProperty("annotators").EnumerateArray().Select(x => x.GetString())));
        Assert.All(records, r => Assert.Empty(r.GetProperty("entities").EnumerateArray()));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json")));
        var agreement = manifest.RootElement.GetProperty("agreement");
        Assert.Equal(["alice", "bob"], agreement.GetProperty("annotators").EnumerateArray().Select(x => x.GetString()));
        var manifestPair = Assert.Single(agreement.GetProperty("pairs").EnumerateArray());
        Assert.Equal(f1, manifestPair.GetProperty("spanF1").GetDouble(), 12);
        Assert.Equal(expected.GetProperty("cohenKappa").GetDouble(), manifestPair.GetProperty("cohenKappa").GetDouble(), 12);
        Assert.Equal(root.GetProperty("fleissKappa").GetDouble(), agreement.GetProperty("fleissKappa").GetDouble(), 12);
        Assert.Equal(expected.GetProperty("krippendorffAlpha").GetDouble(), agreement.GetProperty("krippendorffAlpha").GetDouble(), 12);
        var perArticle = agreement.GetProperty("articles");
        Assert.Equal(records.Select(r => r.GetProperty("id").GetString()).Order(), perArticle.EnumerateObject().Select(p => p.Name).Order());
        var first = perArticle.GetProperty(records.Single(r => r.GetProperty("text").GetString() == TextsA[0].Text).GetProperty("id").GetString()!);
        Assert.Equal(["alice", "bob"], first.GetProperty("annotators").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(0.5, first.GetProperty("spanF1").GetDouble(), 12); // 浙商银行 matched, 叶老桂 relabelled: 2·1 / (2 + 2)
        var none = perArticle.GetProperty(records.Single(r => r.GetProperty("text").GetString() == TextsA[3].Text).GetProperty("id").GetString()!);
        Assert.Equal(0.0, none.GetProperty("spanF1").GetDouble()); // B's one span against none of A's: 0, defined

        // One label: only its spans.
        (code, _, stderr) = await RunAsync("agreement", "--project", Project, "--label", "name", "--json", projectJson);
        Assert.True(code == 0, stderr);
        using var nameOnly = JsonDocument.Parse(await File.ReadAllTextAsync(projectJson));
        Assert.Equal(2.0 * 1 / (3 + 1), nameOnly.RootElement.GetProperty("pairs")[0].GetProperty("spanF1").GetDouble(), 12); // 张三 of 叶老桂, 张三, 李四 and 张三
        Assert.Equal(["name"], nameOnly.RootElement.GetProperty("perLabel").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ARecordMatchingNoArticle_IsRefusedByNumberAndText_AndNothingIsWritten()
    {
        var a = await WriteAsync("a.json", Cluener(TextsA));
        var other = await WriteAsync("other.json", Cluener([TextsB[0], ("项目里没有的文本", [(0, 2, "name")])]));
        var (code, _, stderr) = await RunAsync("import", a, "--project", Project, "--format", "cluener", "--annotator", "alice");
        Assert.True(code == 0, stderr);

        (code, var stdout, stderr) = await RunAsync("import", other, "--project", Project, "--format", "cluener", "--annotator", "bob");
        Assert.Equal(1, code);
        Assert.Contains("other.json: record 2 (“项目里没有的文本”) matches no article of the project", stderr, StringComparison.Ordinal);
        Assert.Contains("0 imported, 0 skipped as duplicates, 1 refused.", stdout, StringComparison.Ordinal);
        await using var db = OpenDb();
        Assert.Equal(0, await db.Operations.CountAsync());
        Assert.Equal(7, await db.Entities.CountAsync());

        // Both files and --project at once, or neither: refused.
        (code, _, stderr) = await RunAsync("agreement", a, a, "--project", Project);
        Assert.Equal(2, code);
        Assert.Contains("Give either two files (FILE_A FILE_B) or --project NAME, not both.", stderr, StringComparison.Ordinal);
        (code, _, _) = await RunAsync("agreement");
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task SharedProjectWithPages_RefusesALayer()
    {
        var a = await WriteAsync("a.json", Cluener(TextsA));
        var (code, _, stderr) = await RunAsync("import", a, "--project", Project, "--format", "cluener");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await RunAsync("import", a, "--project", Project, "--format", "cluener", "--annotator", "alice");
        Assert.Equal(1, code);
        Assert.Contains("is in shared mode and has pages", stderr, StringComparison.Ordinal);

        var outDir = Path.Combine(directory, "out");
        (code, _, stderr) = await RunAsync("export", "--project", Project, "--format", "ner-jsonl", "--out", outDir, "--status", "all", "--split", "none");
        Assert.True(code == 0, stderr);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json")));
        Assert.False(manifest.RootElement.TryGetProperty("agreement", out _)); // shared mode: no agreement
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>CLUENER: <c>{"text", "label": {type: {entity text: [[start, end inclusive]]}}}</c> in code points.</summary>
    private static string Cluener((string Text, (int Start, int End, string Label)[] Spans)[] texts) =>
        string.Concat(texts.Select(t =>
        {
            var runes = t.Text.EnumerateRunes().Select(r => r.ToString()).ToList();
            var label = t.Spans.GroupBy(s => s.Label).ToDictionary(
                g => g.Key,
                g => g.GroupBy(s => string.Concat(runes.Skip(s.Start).Take(s.End - s.Start))).ToDictionary(e => e.Key, e => e.Select(s => new[] { s.Start, s.End - 1 }).ToArray()));
            return JsonSerializer.Serialize(new { text = t.Text, label }) + "\n";
        }));

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WorkbenchCli.RunAsync(args, stdout, stderr, HostArgs);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private WorkbenchDbContext OpenDb() => new(new DbContextOptionsBuilder<WorkbenchDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "cli.db")}").Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
