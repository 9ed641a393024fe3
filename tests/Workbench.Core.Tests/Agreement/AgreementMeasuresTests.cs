using Workbench.Core.Agreement;
using Workbench.Core.Export;

namespace Workbench.Core.Tests.Agreement;

public class AgreementMeasuresTests
{
    private static readonly string[] Raters = ["ann1", "ann2", "ann3"];
    private static readonly string[] Labels = ["LOC", "ORG", "PER"];

    [Fact]
    public void Coefficients_MatchNaivePerCodePointComputation_OnRandomItemsWithMissingAnnotators()
    {
        var random = new Random(2024);
        for (var round = 0; round < 12; round++)
        {
            var items = RandomItems(random, 6);
            var report = AgreementMeasures.Measure(items, new AgreementOptions { Annotators = Raters, Labels = Labels });
            var units = NaiveAgreement.Units(items, Raters);

            Same(NaiveAgreement.Alpha(units), report.KrippendorffAlpha);
            Same(NaiveAgreement.Fleiss(units), report.FleissKappa);
            foreach (var pair in report.Pairs)
            {
                var (a, b) = (Array.IndexOf(Raters, pair.A), Array.IndexOf(Raters, pair.B));
                Same(NaiveAgreement.Cohen(units, a, b), pair.CohenKappa);
                foreach (var label in Labels)
                {
                    Same(NaiveAgreement.Cohen(units, a, b, v => v == label ? label : "rest"), pair.PerLabel[label].CohenKappa);
                }
            }

            foreach (var label in Labels)
            {
                Same(NaiveAgreement.Alpha(units, v => v == label ? label : "rest"), report.PerLabel[label].KrippendorffAlpha);
            }
        }
    }

    [Fact]
    public void Pairs_CoverOnlyItemsBothAnnotatorsSaw()
    {
        var items = new[]
        {
            Item("a1", 10, ("ann1", [new(0, 2, "PER")]), ("ann2", [new(0, 2, "PER")])),
            Item("a2", 10, ("ann1", [new(0, 2, "PER")]), ("ann3", [new(5, 7, "PER")])),
            Item("a3", 10, ("ann2", [new(0, 2, "LOC")])),
        };

        var report = AgreementMeasures.Measure(items);

        Assert.Equal(["ann1", "ann2", "ann3"], report.Annotators);
        Assert.Equal((1, 10L, 1.0), (report.Pair("ann1", "ann2")!.Items, report.Pair("ann1", "ann2")!.Units, report.Pair("ann1", "ann2")!.Exact.F1!.Value));
        Assert.Equal((1, 0.0), (report.Pair("ann3", "ann1")!.Items, report.Pair("ann3", "ann1")!.Exact.F1!.Value));
        Assert.Equal((0, 0L, (double?)null, (double?)null), (report.Pair("ann2", "ann3")!.Items, report.Pair("ann2", "ann3")!.Units, report.Pair("ann2", "ann3")!.CohenKappa, report.Pair("ann2", "ann3")!.Exact.F1));
        Assert.False(report.Items[2].Comparable);
        Assert.Equal(20, report.PairableUnits);
    }

    [Fact]
    public void WorstFirst_OrdersByShareOfDisagreeingCodePoints_ThenSpanF1()
    {
        var items = new[]
        {
            Item("same", 10, ("ann1", [new(0, 3, "PER")]), ("ann2", [new(0, 3, "PER")])),
            Item("shifted", 10, ("ann1", [new(0, 3, "PER")]), ("ann2", [new(1, 3, "PER")])),
            Item("relabelled", 10, ("ann1", [new(0, 3, "PER")]), ("ann2", [new(0, 3, "ORG")])),
            Item("long", 100, ("ann1", [new(0, 3, "PER")]), ("ann2", [new(0, 3, "ORG")])), // α 0.49: below "shifted" (0.75) by α
            Item("empty", 10, ("ann1", []), ("ann2", [])),
            Item("alone", 10, ("ann1", [new(0, 3, "PER")])),
        };

        var worst = AgreementMeasures.Measure(items).WorstFirst().Select(i => i.Id).ToList();

        Assert.Equal(["relabelled", "shifted", "long", "same", "empty"], worst);
    }

    [Fact]
    public void OptionLabels_AreReportedEvenWhenUnused_AndComeFirst()
    {
        var report = AgreementMeasures.Measure(
            [Item("a", 4, ("x", [new(0, 1, "ZZZ")]), ("y", [new(0, 1, "ZZZ")]))],
            new AgreementOptions { Labels = ["PER", "LOC"] });

        Assert.Equal(["PER", "LOC", "ZZZ"], report.Labels);
        Assert.Null(report.PerLabel["PER"].Exact.F1);
        Assert.Null(report.PerLabel["PER"].KrippendorffAlpha);
        Assert.Equal(1.0, report.PerLabel["ZZZ"].KrippendorffAlpha!.Value, 12);
    }

    [Fact]
    public void Measure_RefusesTheSameItemTwice_AndSpansOutsideTheText()
    {
        var twice = Assert.Throws<ArgumentException>(() => AgreementMeasures.Measure([Item("p1-a1", 3), Item("p1-a1", 3)]));
        Assert.Contains("p1-a1", twice.Message, StringComparison.Ordinal);

        var outside = Assert.Throws<ArgumentException>(() => AgreementMeasures.Measure([Item("p1-a2", 3, ("ann1", [new(2, 4, "PER")]))]));
        Assert.Contains("p1-a2", outside.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDocuments_PairsRecordsByTextAndOccurrence_AndLeavesMissingTextsMissing()
    {
        var a = new ImportedDocument("a.jsonl", [
            new ImportedText("重复的句子", [new ImportedSpan(0, 2, "X")]),
            new ImportedText("只有甲有", []),
            new ImportedText("重复的句子", [new ImportedSpan(3, 5, "X")]),
        ]);
        var b = new ImportedDocument("b.jsonl", [
            new ImportedText("重复的句子", [new ImportedSpan(3, 5, "X")]),
            new ImportedText("重复的句子", [new ImportedSpan(3, 5, "X")]),
            new ImportedText("只有乙有", []),
        ]);

        var items = AgreementItems.FromDocuments(new Dictionary<string, ImportedDocument> { ["B"] = b, ["A"] = a });

        Assert.Equal(["a.jsonl#1", "a.jsonl#2", "a.jsonl#3", "b.jsonl#3"], items.Select(i => i.Id));
        Assert.Equal([new AgreementSpan(3, 5, "X")], items[0].Layers["B"]);
        Assert.Equal([new AgreementSpan(0, 2, "X")], items[0].Layers["A"]);
        Assert.Equal(["A"], items[1].Layers.Keys);
        Assert.Equal(["B"], items[3].Layers.Keys);
    }

    /// <summary>The naive value (NaN where its formula divides by zero) and ours (null where undefined) agree.</summary>
    internal static void Same(double naive, double? actual)
    {
        if (double.IsNaN(naive))
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.NotNull(actual);
            Assert.Equal(naive, actual.Value, 9);
        }
    }

    internal static AgreementItem Item(string id, int length, params (string Annotator, AgreementSpan[] Spans)[] layers) =>
        new(id, length, layers.ToDictionary(l => l.Annotator, l => (IReadOnlyList<AgreementSpan>)l.Spans, StringComparer.Ordinal));

    private static List<AgreementItem> RandomItems(Random random, int count)
    {
        var items = new List<AgreementItem>();
        for (var i = 0; i < count; i++)
        {
            var length = 5 + random.Next(25);
            var truth = RandomSpans(random, length);
            var layers = new List<(string, AgreementSpan[])>();
            foreach (var rater in Raters)
            {
                if (random.Next(4) == 0 && i > 0)
                {
                    continue; // this annotator did not see the item
                }

                // Each annotator mostly follows a shared truth, with some of their own spans: agreement well above chance.
                layers.Add((rater, [.. truth.Where(_ => random.Next(5) > 0), .. RandomSpans(random, length).Take(1)]));
            }

            items.Add(Item($"item{i}", length, [.. layers]));
        }

        return items;
    }

    private static List<AgreementSpan> RandomSpans(Random random, int length) =>
        [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
        {
            var start = random.Next(length);
            return new AgreementSpan(start, start + 1 + random.Next(Math.Min(4, length - start)), Labels[random.Next(Labels.Length)]);
        })];
}
