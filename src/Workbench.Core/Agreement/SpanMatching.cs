namespace Workbench.Core.Agreement;

/// <summary>
/// Span-level agreement of annotator B against annotator A: how many spans each has and how many were matched one to
/// one. Precision = matched / B's spans, recall = matched / A's spans, F1 = 2·matched / (A's + B's spans); F1 does not
/// depend on which annotator is A. A measure whose denominator is zero is null (nothing to agree on).
/// </summary>
public readonly record struct SpanScores(int Matched, int SpansA, int SpansB)
{
    public double? Precision => SpansB == 0 ? null : (double)Matched / SpansB;

    public double? Recall => SpansA == 0 ? null : (double)Matched / SpansA;

    public double? F1 => SpansA + SpansB == 0 ? null : 2.0 * Matched / (SpansA + SpansB);

    public static SpanScores operator +(SpanScores a, SpanScores b) => new(a.Matched + b.Matched, a.SpansA + b.SpansA, a.SpansB + b.SpansB);

    public static SpanScores Add(SpanScores a, SpanScores b) => a + b;
}

/// <summary>
/// Pairs two annotators' spans on one item, per label. Identical spans within one annotator's layer count once.
/// <list type="bullet">
/// <item><b>Exact</b>: same start, end and label.</item>
/// <item><b>Overlap</b>: same label and at least one shared code point, matched <b>one to one</b>, greedily: candidate
/// pairs in order of most shared code points, then smallest union (so an identical span wins a tie), then position;
/// a pair is taken when neither span is taken yet. Counting every overlapping pair instead would let one long span
/// "match" three short ones and push precision and recall above what one-to-one decisions can support; one to one keeps
/// F1 within [0, 1], symmetric, and never below the exact F1 (every exact pair is taken: nothing involving either of
/// its spans shares more code points with a smaller union).</item>
/// </list>
/// </summary>
public static class SpanMatching
{
    /// <summary>Scores per label (ordinal order of labels) for spans of A and B on one item.</summary>
    public static IReadOnlyDictionary<string, (SpanScores Exact, SpanScores Overlap)> Match(IReadOnlyList<AgreementSpan> a, IReadOnlyList<AgreementSpan> b)
    {
        var result = new SortedDictionary<string, (SpanScores, SpanScores)>(StringComparer.Ordinal);
        Match(a, b, (label, exact, overlap) => result[label] = (exact, overlap));
        return result;
    }

    /// <summary>Calls <paramref name="add"/> once per label either layer uses (ordinal order) with that label's scores.</summary>
    public static void Match(IReadOnlyList<AgreementSpan> a, IReadOnlyList<AgreementSpan> b, Action<string, SpanScores, SpanScores> add)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(add);
        var sortedA = SortedDistinct(a);
        var sortedB = SortedDistinct(b);
        int i = 0, j = 0;
        while (i < sortedA.Length || j < sortedB.Length)
        {
            var label = j >= sortedB.Length || (i < sortedA.Length && string.CompareOrdinal(sortedA[i].Label, sortedB[j].Label) <= 0)
                ? sortedA[i].Label
                : sortedB[j].Label;
            var endA = i;
            while (endA < sortedA.Length && sortedA[endA].Label == label)
            {
                endA++;
            }

            var endB = j;
            while (endB < sortedB.Length && sortedB[endB].Label == label)
            {
                endB++;
            }

            var spansA = new ArraySegment<AgreementSpan>(sortedA, i, endA - i);
            var spansB = new ArraySegment<AgreementSpan>(sortedB, j, endB - j);
            add(label, new SpanScores(ExactMatches(spansA, spansB), spansA.Count, spansB.Count), new SpanScores(OverlapMatches(spansA, spansB), spansA.Count, spansB.Count));
            (i, j) = (endA, endB);
        }
    }

    /// <summary>Identical spans in both, walking two lists sorted by (start, end).</summary>
    private static int ExactMatches(ArraySegment<AgreementSpan> a, ArraySegment<AgreementSpan> b)
    {
        int i = 0, j = 0, matched = 0;
        while (i < a.Count && j < b.Count)
        {
            var order = ByPosition(a[i], b[j]);
            if (order == 0)
            {
                matched++;
            }

            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
        }

        return matched;
    }

    /// <summary>How many one-to-one overlap matches the greedy rule makes between spans of one label, each sorted by (start, end).</summary>
    private static int OverlapMatches(ArraySegment<AgreementSpan> a, ArraySegment<AgreementSpan> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var candidates = new List<(int Shared, int Union, int I, int J)>();
        var first = 0;
        for (var i = 0; i < a.Count; i++)
        {
            // a is sorted by start: a span of b ending before a[i] starts overlaps no later span of a either.
            while (first < b.Count && b[first].End <= a[i].Start)
            {
                first++;
            }

            for (var j = first; j < b.Count && b[j].Start < a[i].End; j++)
            {
                var shared = Math.Min(a[i].End, b[j].End) - Math.Max(a[i].Start, b[j].Start);
                if (shared > 0)
                {
                    candidates.Add((shared, Math.Max(a[i].End, b[j].End) - Math.Min(a[i].Start, b[j].Start), i, j));
                }
            }
        }

        candidates.Sort((x, y) =>
            x.Shared != y.Shared ? y.Shared.CompareTo(x.Shared)
            : x.Union != y.Union ? x.Union.CompareTo(y.Union)
            : x.I != y.I ? x.I.CompareTo(y.I)
            : x.J.CompareTo(y.J));
        Span<bool> takenA = a.Count <= 256 ? stackalloc bool[a.Count] : new bool[a.Count];
        Span<bool> takenB = b.Count <= 256 ? stackalloc bool[b.Count] : new bool[b.Count];
        var matched = 0;
        foreach (var (_, _, i, j) in candidates)
        {
            if (!takenA[i] && !takenB[j])
            {
                takenA[i] = takenB[j] = true;
                matched++;
            }
        }

        return matched;
    }

    /// <summary>The spans sorted by label (ordinal), start and end, identical ones once.</summary>
    private static AgreementSpan[] SortedDistinct(IReadOnlyList<AgreementSpan> spans)
    {
        var sorted = new AgreementSpan[spans.Count];
        for (var k = 0; k < sorted.Length; k++)
        {
            sorted[k] = spans[k];
        }

        Array.Sort(sorted, (x, y) => string.CompareOrdinal(x.Label, y.Label) is var byLabel && byLabel != 0 ? byLabel : ByPosition(x, y));
        var count = 0;
        for (var k = 0; k < sorted.Length; k++)
        {
            if (count == 0 || sorted[k] != sorted[count - 1])
            {
                sorted[count++] = sorted[k];
            }
        }

        return count == sorted.Length ? sorted : sorted[..count];
    }

    private static int ByPosition(AgreementSpan x, AgreementSpan y) =>
        x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.End.CompareTo(y.End);
}
