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
        // A's 0–4 shares 1 with B's 3–8 and 3 with B's 1–4; A's 5–8 shares 3 with B's 3–8. Greedy by shared code points
        // pairs 0–4/1–4 and 5–8/3–8: two matches (a first-come pairing of 0–4 with 3–8 would give one).
        var (_, overlap) = Total([new(0, 4, "X"), new(5, 8, "X")], [new(3, 8, "X"), new(1, 4, "X")]);

        Assert.Equal(2, overlap.Matched);
    }

    [Fact]
    public void Overlap_IdenticalSpanWinsATie()
    {
        // A's 0–5 shares 5 code points with both B's 0–5 and 0–6; the identical one is taken, so 0–6 is free for A's 0–6.
        var (exact, overlap) = Total([new(0, 5, "X"), new(0, 6, "X")], [new(0, 6, "X"), new(0, 5, "X")]);

        Assert.Equal(2, exact.Matched);
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
