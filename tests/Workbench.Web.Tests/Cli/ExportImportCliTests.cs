using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Cli;
using Workbench.Web.Data;

namespace Workbench.Web.Tests.Cli;

/// <summary>`import` of annotation files and `export`, over a real SQLite file.</summary>
public sealed class ExportImportCliTests : IDisposable
{
    private const string Project = "Gold";

    // CRLF line ends; characters outside the BMP (𠀀 U+20000, 😀 U+1F600) inside and next to entities.
    private const string Conll =
        "新 B-ORG\r\n华 I-ORG\r\n社 I-ORG\r\n说 O\r\n𠀀 B-PER\r\n𠀀 I-PER\r\n到 O\r\n北 B-LOC\r\n京 I-LOC\r\n😀 O\r\n。 O\r\n\r\n" +
        "张 B-PER\r\n三 I-PER\r\n在 O\r\n上 B-LOC\r\n海 I-LOC\r\n\r\n" +
        "今 B-DATE\r\n天 I-DATE\r\n晴 O\r\n";

    private readonly string directory = Directory.CreateTempSubdirectory("workbench-export-").FullName;

    private string[] HostArgs => [$"--ConnectionStrings:Workbench=Data Source={Path.Combine(directory, "cli.db")}"];

    [Fact]
    public async Task Conll_ImportedApproved_ExportsTheSameCharactersAndTagsInOrder()
    {
        var file = await WriteAsync("gold.conll", Conll);

        var (code, stdout, stderr) = await RunAsync("import", file, "--project", Project, "--format", "conll", "--status", "approved");
        Assert.True(code == 0, stderr);
        Assert.Contains("gold.conll: imported, 3 approved articles with 6 entities", stdout, StringComparison.Ordinal);

        var outDir = Path.Combine(directory, "out");
        (code, stdout, stderr) = await RunAsync("export", "--project", Project, "--format", "conll", "--out", outDir, "--status", "all", "--split", "none");
        Assert.True(code == 0, stderr);
        Assert.Contains("Exported 3 articles, 6 entities", stdout, StringComparison.Ordinal);
        Assert.Contains("all: 3 articles, 6 entities", stdout, StringComparison.Ordinal);
        Assert.Contains("ner.conll", stdout, StringComparison.Ordinal);
        Assert.Equal(Tokens(Conll), Tokens(await File.ReadAllTextAsync(Path.Combine(outDir, "ner.conll"))));
        Assert.True(File.Exists(Path.Combine(outDir, "manifest.json")));

        await using var db = OpenDb();
        Assert.All(await db.Articles.ToListAsync(), a => Assert.Equal(ArticleStatus.Approved, a.Status));
        Assert.All(await db.Entities.ToListAsync(), e => Assert.Equal(EntitySource.Imported, e.Source));
        Assert.Contains(await db.GazetteerTerms.ToListAsync(), t => t.Text == "𠀀𠀀" && t.Label == "PER");
    }

    [Fact]
    public async Task NerJsonl_RoundTrip_KeepsTextsAndEntities_OutsideTheBmpAndAcrossLines()
    {
        var records = new[]
        {
            Record("𠀀𠀀公司在北京😀成立", (0, 4, "ORG"), (5, 7, "LOC")),
            Record("第一行张三\n第二行李四", (3, 5, "PER"), (9, 11, "PER")),
            Record("😀没有实体"),
            Record("Ada Lovelace met 😀 Babbage", (0, 12, "PER"), (19, 26, "PER")),
        };
        var file = await WriteAsync("gold.jsonl", string.Join("\r\n", records) + "\r\n");

        var (code, _, stderr) = await RunAsync("import", file, "--project", Project);
        Assert.True(code == 0, stderr);

        var outDir = Path.Combine(directory, "out");
        (code, _, stderr) = await RunAsync("export", "--project", Project, "--format", "ner-jsonl", "--out", outDir, "--status", "all");
        Assert.True(code == 0, stderr);
        var exported = (await File.ReadAllLinesAsync(Path.Combine(outDir, "ner.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(records.Select(Shape), exported.Select(Shape));
        Assert.All(exported, r => Assert.Equal("draft", r.GetProperty("status").GetString()));
        Assert.All(exported, r => Assert.Matches("^[0-9a-f]{12}-[0-9]+$", r.GetProperty("id").GetString()));

        // Approved only (the default): none.
        var approvedDir = Path.Combine(directory, "approved");
        (code, var stdout, _) = await RunAsync("export", "--project", Project, "--format", "ner-jsonl", "--out", approvedDir);
        Assert.Equal(0, code);
        Assert.Contains("Exported 0 articles", stdout, StringComparison.Ordinal);
        Assert.Equal("", await File.ReadAllTextAsync(Path.Combine(approvedDir, "ner.jsonl")));
    }

    [Fact]
    public async Task CrlfInsideATextBecomesALineBreak_AndEntitiesKeepTheirCharacters()
    {
        // 甲0 乙1 \r2 \n3 丙4 丁5 😀6: spans in code points.
        var file = await WriteAsync("crlf.jsonl", Record("甲乙\r\n丙丁😀", (4, 7, "PER"), (1, 5, "ORG")));

        var (code, _, stderr) = await RunAsync("import", file, "--project", Project, "--format", "ner-jsonl");

        Assert.True(code == 0, stderr);
        await using var db = OpenDb();
        Assert.Equal(["甲乙", "丙丁😀"], await db.Lines.OrderBy(l => l.Number).Select(l => l.Text).ToListAsync());
        var entities = await db.Entities.OrderByDescending(e => e.Label).ToListAsync(); // PER, ORG
        Assert.Equal(("丙丁😀", 2, 0, 2, 4), (entities[0].Text, entities[0].StartLine, entities[0].StartOffset, entities[0].EndLine, entities[0].EndOffset));
        Assert.Equal(("乙\n丙", 1, 1, 2, 1), (entities[1].Text, entities[1].StartLine, entities[1].StartOffset, entities[1].EndLine, entities[1].EndOffset));
        var blocks = await db.Set<Block>().OrderBy(b => b.FirstLine).Select(b => new { b.FirstLine, b.LastLine }).ToListAsync();
        Assert.Equal([(1, 1), (2, 2)], blocks.Select(b => (b.FirstLine, b.LastLine)));
        Assert.Equal("", (await db.Articles.SingleAsync()).Title);
    }

    [Fact]
    public async Task Export_IsByteIdentical_AndTheSeedChangesOnlyTheSplit()
    {
        var records = Enumerable.Range(1, 30).Select(i => Record($"第{i}条新闻张三在北京", (i.ToString().Length + 2, i.ToString().Length + 4, "PER"))).ToList();
        var (code, _, stderr) = await RunAsync("import", await WriteAsync("many.jsonl", string.Join("\n", records)), "--project", Project, "--status", "approved");
        Assert.True(code == 0, stderr);

        async Task<Dictionary<string, byte[]>> ExportAsync(string name, string seed)
        {
            var outDir = Path.Combine(directory, name);
            var (exit, _, error) = await RunAsync("export", "--project", Project, "--format", "ner-jsonl", "--out", outDir, "--split", "80/10/10", "--seed", seed);
            Assert.True(exit == 0, error);
            return Directory.GetFiles(outDir).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllBytes(f));
        }

        var first = await ExportAsync("a", "7");
        var second = await ExportAsync("b", "7");
        var reseeded = await ExportAsync("c", "8");

        Assert.Equal(["dev.jsonl", "manifest.json", "test.jsonl", "train.jsonl"], first.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in first)
        {
            Assert.Equal(name == "manifest.json" ? WithoutCreatedAt(bytes) : Encoding.UTF8.GetString(bytes), name == "manifest.json" ? WithoutCreatedAt(second[name]) : Encoding.UTF8.GetString(second[name]));
        }

        var bySeed7 = Records(first);
        var bySeed8 = Records(reseeded);
        Assert.Equal(30, bySeed7.Count);
        Assert.Equal(bySeed7.Keys.Order(StringComparer.Ordinal), bySeed8.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, (_, body)) in bySeed7)
        {
            Assert.Equal(body, bySeed8[id].Body);
        }

        Assert.Contains(bySeed7, p => p.Value.Split != bySeed8[p.Key].Split);
    }

    [Fact]
    public async Task UnknownLabels_AreAddedWithPaletteColoursAndFreeHotkeys_AndReported()
    {
        var file = await WriteAsync("labels.jsonl", Record("冬奥会在北京举行", (0, 3, "EVENT"), (4, 6, "LOC"), (6, 8, "ACT")));

        var (code, stdout, stderr) = await RunAsync("import", file, "--project", Project);

        Assert.True(code == 0, stderr);
        Assert.Contains("New labels: EVENT, ACT.", stdout, StringComparison.Ordinal);
        Assert.Contains("Labels added to Gold: EVENT, ACT.", stdout, StringComparison.Ordinal);
        await using var db = OpenDb();
        var labels = await db.Labels.OrderBy(l => l.Ordinal).ToListAsync();
        Assert.Equal(["PER", "ORG", "LOC", "DATE", "EVENT", "ACT"], labels.Select(l => l.Name));
        Assert.Equal(("#e69f00", 5), (labels[4].Color, labels[4].Hotkey!.Value));
        Assert.Equal(("#56b4e9", 6), (labels[5].Color, labels[5].Hotkey!.Value));
    }

    public static TheoryData<string, string, string, string> BadFiles => new()
    {
        { "broken.jsonl", Record("张三") + "\n" + Record("李四") + "\n{\"text\": \"王五\", \"entities\": [}\n" + Record("赵六") + "\n", "auto", "line 3: broken JSON" },
        { "mismatch.jsonl", Record("张三") + "\n" + "{\"text\":\"李四在北京\",\"entities\":[{\"start\":0,\"end\":2,\"label\":\"PER\",\"text\":\"北京\"}]}\n", "ner-jsonl", "line 2:" },
        { "unknown.json", "{\"foo\": 1}\n", "auto", "unknown format" },
        { "bad-tag.conll", "张 B-PER\n三 X-PER\n", "conll", "line 2:" },
        { "bad-label.jsonl", Record("张三") + "\n" + "{\"text\":\"李四\",\"entities\":[{\"start\":0,\"end\":2,\"label\":\"bad label\"}]}\n", "ner-jsonl", "line 2:" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task RefusedImport_ReportsTheLine_AndLeavesTheDatabaseUnchanged(string name, string content, string format, string reason)
    {
        var (code, _, stderr) = await RunAsync("import", await WriteAsync("first.conll", "甲 B-PER\n乙 O\n"), "--project", Project);
        Assert.True(code == 0, stderr);
        var before = await CountsAsync();

        (code, var stdout, stderr) = await RunAsync("import", await WriteAsync(name, content), "--project", Project, "--format", format, "--status", "approved");

        Assert.Equal(1, code);
        Assert.Contains($"{name}: ", stderr, StringComparison.Ordinal);
        Assert.True(stderr.Contains(reason, StringComparison.Ordinal), stderr);
        Assert.Contains("0 imported, 0 skipped as duplicates, 1 refused.", stdout, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Auto_TellsCoNllTxtFromPageTxt_AndSkipsDuplicates()
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, "mixed")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "tags.txt"), "张 B-PER\n三 I-PER\n来 O\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "page.txt"), "本报讯 记者张三报道\n今天北京天气晴朗。\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "z-again.conll"), "张 B-PER\n三 I-PER\n来 O\n");

        var (code, stdout, stderr) = await RunAsync("import", folder, "--project", Project);

        Assert.True(code == 0, stderr);
        Assert.True(stdout.Contains("tags.txt: imported, 1 draft article with 1 entity from 1 line.", StringComparison.Ordinal), stdout);
        Assert.Contains("page.txt: imported", stdout, StringComparison.Ordinal);
        Assert.Contains("z-again.conll: already in this project as tags.txt", stdout, StringComparison.Ordinal);
        Assert.Contains("2 imported, 1 skipped as duplicates, 0 refused.", stdout, StringComparison.Ordinal);
        await using var db = OpenDb();
        var tags = await db.Pages.Include(p => p.Lines).SingleAsync(p => p.SourceName == "tags.txt");
        Assert.Equal("张三来", Assert.Single(tags.Lines).Text);
    }

    [Theory]
    [InlineData("conll", "ner.conll")]
    [InlineData("label-studio", "label-studio.json")]
    [InlineData("segmentation", "segmentation.jsonl")]
    [InlineData("ocr-pairs", "ocr-pairs.jsonl")]
    public async Task EveryFormat_WritesItsFileAndManifest(string format, string file)
    {
        var (code, _, stderr) = await RunAsync("import", await WriteAsync("gold.conll", Conll), "--project", Project, "--status", "approved");
        Assert.True(code == 0, stderr);
        var outDir = Path.Combine(directory, format);

        (code, var stdout, stderr) = await RunAsync("export", "--project", Project, "--format", format, "--out", outDir);

        Assert.True(code == 0, stderr);
        Assert.Contains($"{file} (", stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, new FileInfo(Path.Combine(outDir, file)).Length);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json")));
        Assert.Equal(3, manifest.RootElement.GetProperty("counts").GetProperty("articles").GetInt32());
        if (format == "segmentation")
        {
            var page = JsonDocument.Parse((await File.ReadAllLinesAsync(Path.Combine(outDir, file))).Single()).RootElement;
            Assert.Equal(3, page.GetProperty("lineCount").GetInt32());
            Assert.Equal(["body"], page.GetProperty("articles")[1].GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("role").GetString()));
            Assert.Equal("张三在上海", page.GetProperty("articles")[1].GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task Export_ReportsUnknownProjectAndBadSplitOnStderr()
    {
        var (code, stdout, stderr) = await RunAsync("export", "--project", "Nope", "--format", "conll", "--out", Path.Combine(directory, "x"));
        Assert.NotEqual(0, code);
        Assert.Equal("", stdout);
        Assert.Contains("There is no project named “Nope”.", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await RunAsync("export", "--project", "Nope", "--format", "conll", "--out", Path.Combine(directory, "x"), "--split", "80/x");
        Assert.NotEqual(0, code);
        Assert.Contains("--split “80/x”", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await RunAsync("export", "--project", "Nope", "--format", "xml", "--out", Path.Combine(directory, "x"));
        Assert.NotEqual(0, code);
        Assert.Contains("xml", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_HasHelp()
    {
        var (code, stdout, _) = await RunAsync("export", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains("--split", stdout, StringComparison.Ordinal);
        Assert.True(WorkbenchCli.IsCliCommand(["export"]));
    }

    /// <summary>A ner-jsonl record; offsets in code points.</summary>
    private static string Record(string text, params (int Start, int End, string Label)[] entities)
    {
        var points = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        return JsonSerializer.Serialize(new
        {
            text,
            entities = entities.Select(e => new { start = e.Start, end = e.End, label = e.Label, text = string.Concat(points.Skip(e.Start).Take(e.End - e.Start)) }),
        });
    }

    private static string Shape(string record) => Shape(JsonDocument.Parse(record).RootElement);

    private static string Shape(JsonElement record) =>
        record.GetProperty("text").GetString() + " | " + string.Join(";", record.GetProperty("entities").EnumerateArray().Select(e =>
            $"{e.GetProperty("start").GetInt32()}-{e.GetProperty("end").GetInt32()} {e.GetProperty("label").GetString()} {e.GetProperty("text").GetString()}"));

    private static List<string> Tokens(string conll) =>
        [.. conll.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];

    private static string WithoutCreatedAt(byte[] manifest) =>
        string.Join("\n", Encoding.UTF8.GetString(manifest).Split('\n').Where(l => !l.Contains("\"createdAt\"", StringComparison.Ordinal)));

    /// <summary>id → (split, the record without its split) over all split files.</summary>
    private static Dictionary<string, (string Split, string Body)> Records(Dictionary<string, byte[]> files)
    {
        var records = new Dictionary<string, (string, string)>();
        foreach (var (name, bytes) in files.Where(f => f.Key != "manifest.json"))
        {
            foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var record = JsonDocument.Parse(line).RootElement;
                var rest = string.Join(",", record.EnumerateObject().Where(p => p.Name != "split").Select(p => p.ToString()));
                records[record.GetProperty("id").GetString()!] = (record.GetProperty("split").GetString()!, rest);
            }
        }

        return records;
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private async Task<(int Pages, int Articles, int Entities, int Labels, int Lines, int GazetteerTerms)> CountsAsync()
    {
        await using var db = OpenDb();
        return (await db.Pages.CountAsync(), await db.Articles.CountAsync(), await db.Entities.CountAsync(), await db.Labels.CountAsync(), await db.Lines.CountAsync(), await db.GazetteerTerms.CountAsync());
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
