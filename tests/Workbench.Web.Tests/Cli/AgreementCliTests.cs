using System.Globalization;
using System.Text.Json;
using Workbench.Web.Cli;

namespace Workbench.Web.Tests.Cli;

/// <summary>
/// `agreement FILE_A FILE_B`: two annotators' files of the same texts (𠀀, 😀 and a CRLF inside a text), B = A with one span
/// dropped, one relabelled and one shifted; every figure is checked against a count made here, in code points, from the
/// spans as written (not through the readers or the agreement code).
/// </summary>
public sealed class AgreementCliTests : IDisposable
{
    // (text, spans in code points, end exclusive) of annotator A.
    private static readonly (string Text, (int Start, int End, string Label)[] Spans)[] TextsA =
    [
        ("𠀀张三在北京😀见李四。\r\n华为公司发布新品。", [(1, 3, "PER"), (4, 6, "LOC"), (8, 10, "PER"), (13, 17, "ORG")]),
        ("😀上海市长𠀀王五", [(1, 4, "LOC"), (6, 8, "PER")]),
        ("没有实体的文本", []),
    ];

    // B: 李四 (PER 8–10) dropped, 华为公司 relabelled ORG → LOC, 上海市 (LOC 1–4) shifted to 上海 (1–3).
    private static readonly (string Text, (int Start, int End, string Label)[] Spans)[] TextsB =
    [
        (TextsA[0].Text, [(1, 3, "PER"), (4, 6, "LOC"), (13, 17, "LOC")]),
        (TextsA[1].Text, [(1, 3, "LOC"), (6, 8, "PER")]),
        (TextsA[2].Text, []),
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("workbench-agreement-").FullName;

    [Fact]
    public async Task PerturbedCopy_PrintsAndWritesTheFiguresOfAnIndependentCount()
    {
        var a = await WriteAsync("a.jsonl", NerJsonl(TextsA));
        var b = await WriteAsync("b.jsonl", NerJsonl(TextsB));
        var json = Path.Combine(directory, "out.json");

        var (code, stdout, stderr) = await RunAsync("agreement", a, b, "--json", json);

        Assert.True(code == 0, stderr);
        var expected = Count(TextsA, TextsB);
        Assert.Equal((3, 6, 5, 4), (expected.Exact, expected.SpansA, expected.SpansB, expected.Overlap)); // the perturbation did what it says
        Assert.Contains($"Span F1, exact match: {F(2.0 * expected.Exact / (expected.SpansA + expected.SpansB))} (precision {F(expected.Exact / 5.0)}, recall {F(expected.Exact / 6.0)}; 3 of 6 spans of A and 5 of B)", stdout, StringComparison.Ordinal);
        Assert.Contains($"Span F1, overlap: {F(2.0 * expected.Overlap / 11)}", stdout, StringComparison.Ordinal);
        Assert.Contains($"Cohen's κ over {expected.Units} code points: {F(expected.Kappa)}", stdout, StringComparison.Ordinal);
        Assert.Contains($"Krippendorff's α over code points: {F(expected.Alpha)}", stdout, StringComparison.Ordinal);
        Assert.Contains("Texts: 3 paired; 0 only in a.jsonl, 0 only in b.jsonl", stdout, StringComparison.Ordinal);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = report.RootElement;
        Assert.Equal(2.0 * expected.Exact / 11, root.GetProperty("exact").GetProperty("f1").GetDouble(), 12);
        Assert.Equal(2.0 * expected.Overlap / 11, root.GetProperty("overlap").GetProperty("f1").GetDouble(), 12);
        Assert.Equal(expected.Kappa, root.GetProperty("cohenKappa").GetDouble(), 12);
        Assert.Equal(expected.Alpha, root.GetProperty("krippendorffAlpha").GetDouble(), 12);
        Assert.Equal(expected.Units, root.GetProperty("codePoints").GetInt64());
        var perLabel = root.GetProperty("perLabel");
        foreach (var label in new[] { "LOC", "ORG", "PER" })
        {
            var own = Count(TextsA, TextsB, label);
            var exact = perLabel.GetProperty(label).GetProperty("exact");
            Assert.Equal((own.Exact, own.SpansA, own.SpansB), (exact.GetProperty("matched").GetInt32(), exact.GetProperty("spansA").GetInt32(), exact.GetProperty("spansB").GetInt32()));
        }

        // Worst first, by the share of code points in disagreement: 6 of 22 (李四 dropped, 华为公司 relabelled), 1 of 8 (市), 0 of 7.
        var worst = root.GetProperty("worst").EnumerateArray().ToList();
        Assert.Equal(["a.jsonl#1", "a.jsonl#2", "a.jsonl#3"], worst.Select(w => w.GetProperty("id").GetString()));
        Assert.Equal(TextsA[0].Text, worst[0].GetProperty("text").GetString()); // the CRLF kept in the JSON
        Assert.Equal((6, 22), (worst[0].GetProperty("disagreeingCodePoints").GetInt32(), worst[0].GetProperty("codePoints").GetInt32()));
        Assert.Contains("a.jsonl#1  0.273", stdout, StringComparison.Ordinal);
        Assert.Contains("𠀀张三在北京😀见李四。  华为公司发布新品。", stdout, StringComparison.Ordinal); // the line break shown as spaces in the table

        (code, stdout, _) = await RunAsync("--lang", "zh-Hans", "agreement", a, b);
        Assert.Equal(0, code);
        Assert.Contains($"片段 F1（完全匹配）：{F(6.0 / 11)}", stdout, StringComparison.Ordinal);
        Assert.Contains("文本：已配对 3 条", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesInDifferentFormats_OfTheSameTexts_GiveTheSameFigures()
    {
        var a = await WriteAsync("a.json", Cluener(TextsA));
        var b = await WriteAsync("b.jsonl", NerJsonl(TextsB));
        var json = Path.Combine(directory, "out.json");

        var (code, stdout, stderr) = await RunAsync("agreement", a, b, "--json", json);

        Assert.True(code == 0, stderr);
        var expected = Count(TextsA, TextsB);
        Assert.Contains("Texts: 3 paired; 0 only in a.json, 0 only in b.jsonl", stdout, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(2.0 * expected.Exact / 11, report.RootElement.GetProperty("exact").GetProperty("f1").GetDouble(), 12);
        Assert.Equal(expected.Kappa, report.RootElement.GetProperty("cohenKappa").GetDouble(), 12);
    }

    [Fact]
    public async Task ATextInOneFileOnly_IsCountedAsUnpaired_AndLeftOutOfTheSpanScores()
    {
        (string, (int, int, string Label)[])[] extra = [.. TextsA, ("只在甲文件里的𠀀文本", [(0, 2, "LOC")])];
        var a = await WriteAsync("a.jsonl", NerJsonl(extra));
        var b = await WriteAsync("b.jsonl", NerJsonl(TextsB));
        var json = Path.Combine(directory, "out.json");

        var (code, stdout, stderr) = await RunAsync("agreement", a, b, "--json", json);

        Assert.True(code == 0, stderr);
        Assert.Contains("Texts: 3 paired; 1 only in a.jsonl, 0 only in b.jsonl (unpaired texts are left out of the span scores and κ, and are missing values for α).", stdout, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var texts = report.RootElement.GetProperty("texts");
        Assert.Equal((3, 1, 0), (texts.GetProperty("paired").GetInt32(), texts.GetProperty("onlyInA").GetInt32(), texts.GetProperty("onlyInB").GetInt32()));
        Assert.Equal(6, report.RootElement.GetProperty("exact").GetProperty("spansA").GetInt32());
        Assert.Equal(Count(TextsA, TextsB).Alpha, report.RootElement.GetProperty("krippendorffAlpha").GetDouble(), 12);
    }

    [Fact]
    public async Task ABrokenFile_IsRefusedByNameAndLine_WithExitCode2()
    {
        var a = await WriteAsync("a.jsonl", NerJsonl(TextsA));
        var broken = await WriteAsync("broken.jsonl", NerJsonl(TextsB).Replace("\"start\":13,\"end\":17,", "\"start\":13,\"end\":40,", StringComparison.Ordinal));
        var missing = Path.Combine(directory, "nowhere.jsonl");

        var (code, stdout, stderr) = await RunAsync("agreement", a, broken);
        Assert.Equal(2, code);
        Assert.StartsWith("broken.jsonl: refused: line 1", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);

        (code, _, stderr) = await RunAsync("agreement", missing, a);
        Assert.Equal(2, code);
        Assert.Contains("nowhere.jsonl: no such file.", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Matches, spans, overlap matches (one to one, same label), and over every code point (outermost label, O where none)
    /// Cohen's κ and Krippendorff's α (nominal, two coders, no missing values: α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k).
    /// </summary>
    private static (int Exact, int SpansA, int SpansB, int Overlap, long Units, double Kappa, double Alpha) Count(
        (string Text, (int Start, int End, string Label)[] Spans)[] a, (string Text, (int Start, int End, string Label)[] Spans)[] b, string? label = null)
    {
        int exact = 0, spansA = 0, spansB = 0, overlap = 0;
        var values = new List<(string A, string B)>();
        for (var t = 0; t < a.Length; t++)
        {
            var sa = a[t].Spans.Where(s => label is null || s.Label == label).ToList();
            var sb = b[t].Spans.Where(s => label is null || s.Label == label).ToList();
            spansA += sa.Count;
            spansB += sb.Count;
            exact += sa.Count(sb.Contains);
            var used = new HashSet<int>();
            foreach (var s in sa)
            {
                var hit = sb.FindIndex(o => !used.Contains(sb.IndexOf(o)) && o.Label == s.Label && o.Start < s.End && s.Start < o.End);
                if (hit >= 0)
                {
                    used.Add(hit);
                    overlap++;
                }
            }

            var length = a[t].Text.EnumerateRunes().Count();
            for (var i = 0; i < length; i++)
            {
                values.Add((ValueAt(a[t].Spans, i), ValueAt(b[t].Spans, i)));
            }
        }

        double n = values.Count;
        var categories = values.SelectMany(v => new[] { v.A, v.B }).Distinct().ToList();
        var observed = values.Count(v => v.A == v.B) / n;
        var chance = categories.Sum(c => values.Count(v => v.A == c) / n * (values.Count(v => v.B == c) / n));
        var kappa = (observed - chance) / (1 - chance);
        var totals = categories.ToDictionary(c => c, c => (double)values.Count(v => v.A == c) + values.Count(v => v.B == c));
        var disagreeing = 2.0 * values.Count(v => v.A != v.B); // o_ck + o_kc over c ≠ k
        var expectedDisagreement = categories.SelectMany(c => categories.Where(k => k != c).Select(k => totals[c] * totals[k])).Sum();
        var alpha = 1 - ((2 * n) - 1) * disagreeing / expectedDisagreement;
        return (exact, spansA, spansB, overlap, values.Count, kappa, alpha);
    }

    private static string ValueAt((int Start, int End, string Label)[] spans, int codePoint) =>
        spans.Where(s => s.Start <= codePoint && codePoint < s.End).OrderBy(s => s.Start).ThenByDescending(s => s.End).Select(s => s.Label).FirstOrDefault() ?? "O";

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string NerJsonl((string Text, (int Start, int End, string Label)[] Spans)[] texts) =>
        string.Concat(texts.Select(t => JsonSerializer.Serialize(new { text = t.Text }).TrimEnd('}')
            + ",\"entities\":[" + string.Join(",", t.Spans.Select(s => $"{{\"start\":{s.Start},\"end\":{s.End},\"label\":\"{s.Label}\"}}")) + "]}\n"));

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

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WorkbenchCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
