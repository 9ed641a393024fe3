using System.Text;
using System.Text.Json;
using Workbench.Web.Cli;

namespace Workbench.Web.Tests.Cli;

/// <summary>
/// Issue 15 acceptance: every annotation format read, imported through the CLI (format detected from the content) and exported as
/// ner-jsonl, gives back every entity's text and code-point offsets. The records hold 𠀀 and 😀 (one code point, two UTF-16 units),
/// files end their lines with CRLF, and one JSON record has a CRLF inside its text: the import makes that a line break (LF), so the
/// offsets after it come back one lower, exactly as <see cref="Expected"/> maps them; nothing else may move.
/// </summary>
public sealed class AnnotationRoundTripTests : IDisposable
{
    /// <summary>A record: its text and entities in code points, end exclusive.</summary>
    private sealed record Source(string Text, params (int Start, int End, string Label)[] Entities);

    private static readonly Source[] Chinese =
    [
        new("𠀀𠀀公司在北京😀成立", (0, 4, "ORG"), (5, 7, "LOC")),
        new("张三😀说：李四在上海", (0, 2, "PER"), (5, 7, "PER"), (8, 10, "LOC")),
        new("沪深两市😀上涨", (0, 1, "LOC"), (1, 2, "LOC")),
    ];

    /// <summary>JSON formats also carry a text with a space and a CRLF inside.</summary>
    private static readonly Source[] Json = [.. Chinese, new("第一行 Ada\r\n第二行李四", (4, 7, "PER"), (12, 14, "PER"))];

    /// <summary>Tab-separated CoNLL also carries a space token inside an entity.</summary>
    private static readonly Source[] Tabbed = [.. Chinese, new("哈利 波特来", (0, 5, "HP"))];

    private readonly string directory = Directory.CreateTempSubdirectory("workbench-roundtrip-").FullName;

    private string[] HostArgs => [$"--ConnectionStrings:Workbench=Data Source={Path.Combine(directory, "cli.db")}"];

    [Fact]
    public async Task EveryFormat_ImportThenExportNerJsonl_GivesTheSameEntityTextsAndCodePointOffsets()
    {
        var files = new Dictionary<string, (string Content, Source[] Records)>
        {
            ["ner.jsonl"] = (Lines(Json.Select(r => Obj(("text", r.Text), ("entities", r.Entities.Select(e => Obj(("start", e.Start), ("end", e.End), ("label", e.Label), ("text", Slice(r.Text, e.Start, e.End)))).ToArray())))), Json),
            ["prodigy.jsonl"] = (Lines([
                .. Json.Select((r, i) => Obj(("text", r.Text), ("_input_hash", i), ("_task_hash", -i), ("tokens", Runes(r.Text).Select((c, n) => Obj(("text", c), ("start", n), ("end", n + 1), ("id", n))).ToArray()),
                    ("spans", r.Entities.Select(e => Obj(("start", e.Start), ("end", e.End), ("token_start", e.Start), ("token_end", e.End - 1), ("label", e.Label))).ToArray()), ("_view_id", "ner_manual"), ("answer", "accept"))),
                Obj(("text", "被拒绝的例子"), ("spans", new[] { Obj(("start", 0), ("end", 2), ("label", "X")) }), ("answer", "reject"))]), Json),
            ["spacy.jsonl"] = (Lines(Json.Select(r => Obj(("text", r.Text), ("ents", r.Entities.Select(e => Obj(("start", e.Start), ("end", e.End), ("label", e.Label))).ToArray()), ("sents", new[] { Obj(("start", 0), ("end", Runes(r.Text).Count)) }), ("tokens", Array.Empty<object>())))), Json),
            ["doccano-label.jsonl"] = (Lines(Json.Select(r => Obj(("text", r.Text), ("label", r.Entities.Select(e => new object[] { e.Start, e.End, e.Label }).ToArray())))), Json),
            ["doccano-entities.json"] = (Lines(Json.Select((r, i) => Obj(("id", i), ("text", r.Text), ("relations", new[] { Obj(("id", 1), ("from_id", 0), ("to_id", 1), ("type", "near")) }),
                ("entities", r.Entities.Select((e, n) => Obj(("id", n), ("label", e.Label), ("start_offset", e.Start), ("end_offset", e.End))).ToArray())))), Json),
            ["cluener.json"] = (Lines(Json.Select(r => Obj(("text", r.Text), ("label", r.Entities.GroupBy(e => e.Label).ToDictionary(g => g.Key, g => g.GroupBy(e => Slice(r.Text, e.Start, e.End)).ToDictionary(t => t.Key, t => t.Select(e => new[] { e.Start, e.End - 1 }).ToArray())))))), Json),
            ["label-studio.json"] = ("[\r\n" + string.Join(",\r\n", Json.Select((r, i) => JsonSerializer.Serialize(Obj(("id", i + 1), ("data", Obj(("text", r.Text))), ("predictions", Array.Empty<object>()),
                ("annotations", new[] { Obj(("was_cancelled", false), ("result", r.Entities.Select((e, n) => Obj(("id", $"{i}_{n}"), ("from_name", "label"), ("to_name", "text"), ("type", "labels"),
                    ("value", Obj(("start", e.Start), ("end", e.End), ("text", Slice(r.Text, e.Start, e.End)), ("labels", new[] { e.Label }))))).ToArray())) }))))) + "\r\n]", Json),
            ["bio.conll"] = (Conll(Chinese, " ", (first, _, _) => first ? "B" : "I"), Chinese),
            ["bioes.bioes"] = (Conll(Tabbed, "\t", Ending('B', 'I', 'E', 'S')), Tabbed),
            ["bmes.bmes"] = (Conll(Chinese, " ", Ending('B', 'M', 'E', 'S')), Chinese),
            ["iobes.tsv"] = (Conll(Chinese, "\t", Ending('B', 'I', 'E', 'S')), Chinese),
            ["bilou.txt"] = (Conll(Tabbed, "\t", Ending('B', 'I', 'L', 'U')), Tabbed),
        };
        var paths = new List<string>();
        foreach (var (name, (content, _)) in files)
        {
            var path = Path.Combine(directory, name);
            await File.WriteAllTextAsync(path, content, new UTF8Encoding(false));
            paths.Add(path);
        }

        var (code, stdout, stderr) = await RunAsync(["import", .. paths, "--project", "RoundTrip"]);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains($"{files.Count} imported, 0 skipped as duplicates, 0 refused.", stdout, StringComparison.Ordinal);

        var outDir = Path.Combine(directory, "out");
        (code, _, stderr) = await RunAsync("export", "--project", "RoundTrip", "--format", "ner-jsonl", "--out", outDir, "--status", "all");
        Assert.True(code == 0, stderr);
        var exported = (await File.ReadAllLinesAsync(Path.Combine(outDir, "ner.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(r => r.GetProperty("page").GetProperty("source").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(Shape).ToList());
        foreach (var (name, (_, records)) in files)
        {
            Assert.Equal(records.Select(Expected), exported[name]);
        }
    }

    /// <summary>What the export must hold for a source record: the text with CRLF made LF, offsets after a CR one lower, same entity texts.</summary>
    private static string Expected(Source record)
    {
        var runes = Runes(record.Text);
        int Map(int offset) => offset - Enumerable.Range(0, offset).Count(i => runes[i] == "\r" && i + 1 < runes.Count && runes[i + 1] == "\n");
        var text = record.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text + " | " + string.Join(";", record.Entities.OrderBy(e => e.Start).ThenByDescending(e => e.End)
            .Select(e => $"{Map(e.Start)}-{Map(e.End)} {e.Label} {Slice(record.Text, e.Start, e.End)}"));
    }

    private static string Shape(JsonElement record) =>
        record.GetProperty("text").GetString() + " | " + string.Join(";", record.GetProperty("entities").EnumerateArray().Select(e =>
            $"{e.GetProperty("start").GetInt32()}-{e.GetProperty("end").GetInt32()} {e.GetProperty("label").GetString()} {e.GetProperty("text").GetString()}"));

    private static List<string> Runes(string text) => [.. text.EnumerateRunes().Select(r => r.ToString())];

    private static string Slice(string text, int start, int end) => string.Concat(Runes(text).Skip(start).Take(end - start));

    private static Dictionary<string, object?> Obj(params (string Name, object? Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    private static string Lines(IEnumerable<object> records) => string.Join("\r\n", records.Select(r => JsonSerializer.Serialize(r))) + "\r\n";

    /// <summary>A tag prefix for a character at <c>index</c> of an entity <c>[start, end)</c> in an ending scheme (BIOES, BMES, BILOU).</summary>
    private static Func<bool, bool, bool, string> Ending(char begin, char inside, char end, char single) =>
        (first, last, _) => first && last ? single.ToString() : first ? begin.ToString() : last ? end.ToString() : inside.ToString();

    /// <summary>Character CoNLL with CRLF line ends: one character per line, a blank line after each record.</summary>
    private static string Conll(Source[] records, string separator, Func<bool, bool, bool, string> prefix)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            var runes = Runes(record.Text);
            for (var i = 0; i < runes.Count; i++)
            {
                var entity = record.Entities.FirstOrDefault(e => i >= e.Start && i < e.End);
                var tag = entity.Label is null ? "O" : $"{prefix(i == entity.Start, i == entity.End - 1, false)}-{entity.Label}";
                text.Append(runes[i]).Append(separator).Append(tag).Append("\r\n");
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WorkbenchCli.RunAsync(args, stdout, stderr, HostArgs);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
