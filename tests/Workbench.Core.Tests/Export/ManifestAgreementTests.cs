using System.Text.Json;
using Workbench.Core.Agreement;
using Workbench.Core.Export;
using static Workbench.Core.Tests.Export.ExportFixtures;

namespace Workbench.Core.Tests.Export;

/// <summary>
/// The manifest's <c>agreement</c> (issue #19): measured over the exported articles only, annotators by name, undefined
/// values null; absent without a source.
/// </summary>
public class ManifestAgreementTests
{
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { ["u1"] = "alice", ["u2"] = "bob" };

    [Fact]
    public void MeasuresTheExportedArticlesOnly_WithNamesAndNulls()
    {
        var articles = Sample();
        var source = new ExportAgreementSource(
        [
            // p1-a1: PER 徐振朋 both; LOC 乌兰察布市 only alice → exact F1 2·1/(2+1).
            Item("p1-a1", articles[0].Text, [(2, 5, "PER"), (6, 11, "LOC")], [(2, 5, "PER")]), // UTF-16 offsets (𠀀 is two)
            // p2-a2: neither tagged anything → F1 undefined, α undefined (one value only).
            Item("p2-a2", articles[3].Text, [], []),
            // Not exported (say, not approved): must not count.
            Item("gone", "张三李四", [(0, 2, "PER")], [(2, 4, "PER")]),
        ], ["PER", "LOC"], Names);

        var (manifest, files) = Run(articles, new ExportOptions(ExportFormats.NerJsonl) { Agreement = source });

        var agreement = manifest.Agreement!;
        Assert.Equal(["alice", "bob"], agreement.Annotators);
        var pair = Assert.Single(agreement.Pairs);
        Assert.Equal(("alice", "bob", 2), (pair.A, pair.B, pair.Articles));
        Assert.Equal(2.0 / 3, pair.SpanF1!.Value, 12);
        Assert.Equal(["p1-a1", "p2-a2"], agreement.Articles.Keys.Order());
        Assert.Null(agreement.Articles["p2-a2"].SpanF1);
        Assert.Null(agreement.Articles["p2-a2"].KrippendorffAlpha);

        using var json = JsonDocument.Parse(files[ExportManifest.FileName]);
        var written = json.RootElement.GetProperty("agreement");
        Assert.Equal(["alice", "bob"], written.GetProperty("annotators").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(2.0 / 3, written.GetProperty("pairs")[0].GetProperty("spanF1").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, written.GetProperty("articles").GetProperty("p2-a2").GetProperty("spanF1").ValueKind);
        Assert.Equal(["alice", "bob"], written.GetProperty("articles").GetProperty("p1-a1").GetProperty("annotators").EnumerateArray().Select(a => a.GetString()));
        Assert.False(written.GetProperty("articles").TryGetProperty("gone", out _));
    }

    [Fact]
    public void WithoutASource_TheManifestHasNoAgreement()
    {
        var (manifest, files) = Run(Sample(), new ExportOptions(ExportFormats.NerJsonl));
        Assert.Null(manifest.Agreement);
        using var json = JsonDocument.Parse(files[ExportManifest.FileName]);
        Assert.False(json.RootElement.TryGetProperty("agreement", out _));
    }

    private static AgreementItem Item(string id, string text, (int Start, int End, string Label)[] a, (int Start, int End, string Label)[] b) =>
        AgreementItem.FromText(id, text, new Dictionary<string, IReadOnlyList<ImportedSpan>>
        {
            ["u1"] = [.. a.Select(s => new ImportedSpan(s.Start, s.End, s.Label))],
            ["u2"] = [.. b.Select(s => new ImportedSpan(s.Start, s.End, s.Label))],
        });
}
