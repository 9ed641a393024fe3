using Workbench.Core.Agreement;

namespace Workbench.Core.Tests.Agreement;

public class SpanMatchingTests
{
    private static (SpanScores Exact, SpanScores Overlap) Total(IReadOnlyList<AgreementSpan> a, IReadOnlyList<AgreementSpan> b) =>
        SpanMatching.Match(a, b).Values.Aggregate((default(SpanScores), default(SpanScores)), (t, s) => (t.Item1 + s.Exact, t.Item2 + s.Overlap));

    [Fact]
    public void Exact_NeedsSameStartEndAndLabel()
    {
        var (exact, overlap) = Total(
            [new(0, 3, "PER"), new(5, 9, "LOC"), new(12, 14, "ORG")],
            [new(0, 3, "PER"), new(5, 8, "LOC"), new(12, 14, "PER")]);

        Assert.Equal(new SpanScores(1, 3, 3), exact);
        Assert.Equal(new SpanScores(2, 3, 3), overlap); // 5–9/5–8 LOC overlaps; 12–14 differs in label
        Assert.Equal(1 / 3.0, exact.F1!.Value, 12);
    }

    [Fact]
    public void Overlap_IsOneToOne_OneLongSpanMatchesOneOfThreeShortOnes()
    {
        var (_, overlap) = Total([new(0, 10, "LOC")], [new(0, 2, "LOC"), new(3, 6, "LOC"), new(7, 10, "LOC")]);

        Assert.Equal(new SpanScores(1, 1, 3), overlap);
        Assert.Equal(1.0 / 3, overlap.Precision!.Value, 12);
        Assert.Equal(1.0, overlap.Recall!.Value, 12);
        Assert.Equal(0.5, overlap.F1!.Value, 12);
    }

    [Fact]
    public void Overlap_PrefersMostSharedCodePoints()
    {
        // A's 0–10 shares 1 code point with B's 1–2 and 5 with B's 5–10; A's 1–2 overlaps only B's 1–2. Taking pairs
        // by most shared code points gives 0–10/5–10 and 1–2/1–2; taking them in text order would pair 0–10 with 1–2
        // first and leave A's 1–2 without a partner.
        var (_, overlap) = Total([new(0, 10, "X"), new(1, 2, "X")], [new(1, 2, "X"), new(5, 10, "X")]);

        Assert.Equal(2, overlap.Matched);
    }

    [Fact]
    public void Overlap_IdenticalSpanWinsATie()
    {
        // A's 0–5 shares 5 code points with both B's 0–5 and B's 0–6; the identical one (smaller union) is taken, so
        // B's 0–6 is left for A's 5–6. Preferring the larger union would pair 0–5 with 0–6 and match one pair only.
        var (exact, overlap) = Total([new(0, 5, "X"), new(5, 6, "X")], [new(0, 6, "X"), new(0, 5, "X")]);

        Assert.Equal(1, exact.Matched);
        Assert.Equal(2, overlap.Matched);
    }

    [Fact]
    public void IdenticalSpansInOneLayer_CountOnce()
    {
        var (exact, _) = Total([new(0, 2, "X"), new(0, 2, "X")], [new(0, 2, "X")]);

        Assert.Equal(new SpanScores(1, 1, 1), exact);
    }

    [Fact]
    public void NoSpansOnEitherSide_IsUndefinedNotPerfect()
    {
        var scores = new SpanScores(0, 0, 0);

        Assert.Null(scores.F1);
        Assert.Null(scores.Precision);
        Assert.Equal(0.0, new SpanScores(0, 0, 2).F1);
    }

    [Fact]
    public void RandomLayers_OverlapIsSymmetricAndNeverBelowExact()
    {
        var random = new Random(19);
        string[] labels = ["A", "B"];
        for (var round = 0; round < 300; round++)
        {
            var a = RandomSpans(random, labels);
            var b = RandomSpans(random, labels);
            var (exactAb, overlapAb) = Total(a, b);
            var (exactBa, overlapBa) = Total(b, a);

            Assert.Equal(exactAb.Matched, exactBa.Matched);
            Assert.Equal(overlapAb.Matched, overlapBa.Matched);
            Assert.True(overlapAb.Matched >= exactAb.Matched, $"round {round}: overlap {overlapAb.Matched} < exact {exactAb.Matched}");
            Assert.True(overlapAb.Matched <= Math.Min(overlapAb.SpansA, overlapAb.SpansB));
        }
    }

    private static List<AgreementSpan> RandomSpans(Random random, string[] labels)
    {
        var spans = new List<AgreementSpan>();
        for (var i = random.Next(6); i > 0; i--)
        {
            var start = random.Next(12);
            spans.Add(new AgreementSpan(start, start + 1 + random.Next(4), labels[random.Next(labels.Length)]));
        }

        return spans;
    }
}
