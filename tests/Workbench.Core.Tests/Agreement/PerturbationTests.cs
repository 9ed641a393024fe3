using Workbench.Core.Agreement;
using Workbench.Core.Export;

namespace Workbench.Core.Tests.Agreement;

/// <summary>
/// Issue #19, acceptance 2: two annotators' CLUENER files, the second made from the first with a known, seeded
/// perturbation (dropped, relabelled and shifted spans), give the span F1 and κ that an independent computation gives.
/// The fixture (<c>Fixtures/cluener-sample.jsonl</c>, sentences written for this test, CLUENER's shape: code points,
/// end inclusive) has 𠀀 and 😀 before and inside entities. The second file is written as CLUENER and read back through
/// the app's importer, so offsets go code points → UTF-16 → code points on the way.
/// </summary>
public class PerturbationTests
{
    private static readonly string FixturePath = Path.Combine(RepoPaths.Root, "tests", "Workbench.Core.Tests", "Agreement", "Fixtures", "cluener-sample.jsonl");

    internal static readonly string[] CluenerTypes = ["address", "book", "company", "game", "government", "movie", "name", "organization", "position", "scene"];

    [Theory]
    [InlineData(1, 0.10, 0.05, 0.05)]
    [InlineData(42, 0.20, 0.15, 0.25)]
    [InlineData(7, 0.0, 0.0, 1.0)]
    public void PerturbedSecondAnnotator_SpanF1AndKappa_EqualIndependentComputation(int seed, double drop, double relabel, double shift)
    {
        var (texts, records) = Perturbation.ReadCluener("a.jsonl", File.ReadAllBytes(FixturePath));
        Assert.Equal(23, records.Count);
        Assert.Equal(56, records.Sum(r => r.Spans.Count));
        var perturbed = Perturbation.Apply(records, seed, drop, relabel, shift, CluenerTypes);
        Assert.True(perturbed.Kept + perturbed.Dropped + perturbed.Relabelled + perturbed.Shifted == 56);

        var secondFile = Perturbation.WriteCluener(texts, perturbed.Spans);
        var items = AgreementItems.FromDocuments(new Dictionary<string, ImportedDocument>
        {
            ["A"] = AnnotationImport.Read("a.jsonl", File.ReadAllBytes(FixturePath), AnnotationFormat.Cluener),
            ["B"] = AnnotationImport.Read("b.jsonl", secondFile, AnnotationFormat.Cluener),
        });
        var report = AgreementMeasures.Measure(items);
        var pair = report.Pairs.Single();

        // Span F1 from what the perturbation did: A has n spans, B has n − dropped; exact matches are the kept spans;
        // overlap matches add the shifted ones (a moved boundary still shares code points with its original, and
        // only with it); relabelled spans match nothing.
        var n = records.Sum(r => r.Spans.Count);
        var spansB = n - perturbed.Dropped;
        Assert.Equal(spansB, pair.Exact.SpansB);
        Assert.Equal(2.0 * perturbed.Kept / (n + spansB), pair.Exact.F1!.Value, 3);
        Assert.Equal(2.0 * (perturbed.Kept + perturbed.Shifted) / (n + spansB), pair.Overlap.F1!.Value, 3);
        Assert.Equal((double)perturbed.Kept / spansB, pair.Exact.Precision!.Value, 3);
        Assert.Equal((double)perturbed.Kept / n, pair.Exact.Recall!.Value, 3);
        foreach (var (label, (a, b, exact, overlap)) in perturbed.PerLabel)
        {
            Assert.Equal(new SpanScores(exact, a, b), pair.PerLabel[label].Exact);
            Assert.Equal(new SpanScores(overlap, a, b), pair.PerLabel[label].Overlap);
        }

        // κ and α from a naive per-code-point painting of the same spans (one string per code point, counted by hand).
        var units = NaiveAgreement.Units(items, ["A", "B"]);
        Assert.Equal(records.Sum(r => r.Length), units.Count);
        Assert.Equal(NaiveAgreement.Cohen(units, 0, 1), pair.CohenKappa!.Value, 3);
        Assert.Equal(NaiveAgreement.Alpha(units), report.KrippendorffAlpha!.Value, 3);
        foreach (var label in report.Labels)
        {
            AgreementMeasuresTests.Same(NaiveAgreement.Cohen(units, 0, 1, v => v == label ? label : "rest"), pair.PerLabel[label].CohenKappa);
        }
    }

    [Fact]
    public void ThirdAnnotatorWhoSkippedRecords_FleissAndAlphaEqualNaiveComputation()
    {
        var (texts, records) = Perturbation.ReadCluener("a.jsonl", File.ReadAllBytes(FixturePath));
        var b = Perturbation.Apply(records, 3, 0.1, 0.1, 0.1, CluenerTypes);
        var c = Perturbation.Apply(records, 4, 0.2, 0.05, 0.2, CluenerTypes);
        var skipped = new HashSet<int> { 2, 11, 17 }; // records the third annotator never saw
        var items = records.Select((r, i) =>
        {
            var layers = new Dictionary<string, IReadOnlyList<AgreementSpan>> { ["A"] = r.Spans, ["B"] = b.Spans[i] };
            if (!skipped.Contains(i))
            {
                layers["C"] = c.Spans[i];
            }

            return new AgreementItem($"r{i + 1}", r.Length, layers);
        }).ToList();

        var report = AgreementMeasures.Measure(items);
        var units = NaiveAgreement.Units(items, ["A", "B", "C"]);

        Assert.Equal(NaiveAgreement.Alpha(units), report.KrippendorffAlpha!.Value, 3);
        Assert.Equal(NaiveAgreement.Fleiss(units), report.FleissKappa!.Value, 3);
        Assert.Equal(NaiveAgreement.Cohen(units, 0, 2), report.Pair("A", "C")!.CohenKappa!.Value, 3);
        Assert.Equal(records.Count - skipped.Count, report.Pair("B", "C")!.Items);
        Assert.Equal(texts.Count, report.Items.Count);
    }
}
