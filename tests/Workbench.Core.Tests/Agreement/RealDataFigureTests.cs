using System.Globalization;
using Workbench.Core.Agreement;
using Workbench.Core.Export;
using Xunit.Abstractions;

namespace Workbench.Core.Tests.Agreement;

/// <summary>Runs only where the shared external NER files are (skipped, saying so, elsewhere).</summary>
public sealed class SharedNerFactAttribute : FactAttribute
{
    public const string Cluener = "/work/shared/external/ner/cluener2020_dev.first300.jsonl";

    public SharedNerFactAttribute()
    {
        if (!File.Exists(Cluener))
        {
            Skip = $"{Cluener} is absent (shared external test data); skipped";
        }
    }
}

/// <summary>
/// The figure for the issue note: a double annotation made from real data. The first 300 records of the CLUENER 2020
/// dev set (read in place, never copied into the repository; see its MANIFEST.txt) are annotator A; annotator B is A
/// with, per span and seed 19: 10% dropped, 5% relabelled to another CLUENER type, 5% one boundary moved by one code
/// point, the rest kept. Prints span F1 (exact, overlap), Cohen's κ, Fleiss' κ and Krippendorff's α, and checks the span
/// figures against the perturbation's own counts and κ against the naive per-code-point computation.
/// </summary>
public class RealDataFigureTests(ITestOutputHelper output)
{
    [SharedNerFact]
    public void Cluener300_PerturbedDoubleAnnotation_Figures()
    {
        var content = File.ReadAllBytes(SharedNerFactAttribute.Cluener);
        var (texts, records) = Perturbation.ReadCluener("cluener2020_dev.first300.jsonl", content);
        var perturbed = Perturbation.Apply(records, seed: 19, drop: 0.10, relabel: 0.05, shift: 0.05, PerturbationTests.CluenerTypes);
        var items = AgreementItems.FromDocuments(new Dictionary<string, ImportedDocument>
        {
            ["A"] = AnnotationImport.Read("cluener2020_dev.first300.jsonl", content, AnnotationFormat.Cluener),
            ["B"] = AnnotationImport.Read("perturbed.jsonl", Perturbation.WriteCluener(texts, perturbed.Spans), AnnotationFormat.Cluener),
        });

        var report = AgreementMeasures.Measure(items);
        var pair = report.Pairs.Single();

        var n = records.Sum(r => r.Spans.Count);
        var spansB = n - perturbed.Dropped;
        Assert.Equal(2.0 * perturbed.Kept / (n + spansB), pair.Exact.F1!.Value, 3);
        Assert.Equal(2.0 * (perturbed.Kept + perturbed.Shifted) / (n + spansB), pair.Overlap.F1!.Value, 3);
        Assert.Equal(NaiveAgreement.Cohen(NaiveAgreement.Units(items, ["A", "B"]), 0, 1), pair.CohenKappa!.Value, 3);

        string F(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";
        output.WriteLine($"items {report.Items.Count} (texts {texts.Count}), code points {pair.Units}, spans A {n}, B {spansB}");
        output.WriteLine($"perturbation (seed 19): kept {perturbed.Kept}, dropped {perturbed.Dropped}, relabelled {perturbed.Relabelled}, shifted {perturbed.Shifted}");
        output.WriteLine($"span exact   P {F(pair.Exact.Precision)} R {F(pair.Exact.Recall)} F1 {F(pair.Exact.F1)}");
        output.WriteLine($"span overlap P {F(pair.Overlap.Precision)} R {F(pair.Overlap.Recall)} F1 {F(pair.Overlap.F1)}");
        output.WriteLine($"Cohen κ {F(pair.CohenKappa)}, Fleiss κ {F(report.FleissKappa)}, Krippendorff α {F(report.KrippendorffAlpha)}, observed agreement {F(pair.ObservedAgreement)}");
        foreach (var label in report.Labels)
        {
            var l = report.PerLabel[label];
            output.WriteLine($"  {label,-12} spans {l.Exact.SpansA,4}/{l.Exact.SpansB,4}  F1 exact {F(l.Exact.F1)} overlap {F(l.Overlap.F1)}  κ {F(pair.PerLabel[label].CohenKappa)}  α {F(l.KrippendorffAlpha)}");
        }

        output.WriteLine("worst articles: " + string.Join(", ", report.WorstFirst().Take(5).Select(i => $"{i.Id} ({F(i.DisagreementRate)})")));
    }
}
