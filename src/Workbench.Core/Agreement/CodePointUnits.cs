namespace Workbench.Core.Agreement;

/// <summary>
/// Turns an item's layers into code-point units for a <see cref="ReliabilityTable"/>: every code point of the text is
/// one unit (spaces, punctuation and line breaks included), valued with the label of the span covering it, or
/// <see cref="Outside"/> (category 0) when none does. Where spans nest, the outermost wins; where they cross, the one
/// that starts first (then the longer) wins. Each layer is first reduced to runs of one value, and the runs of all
/// layers are swept together, so a run of identical units is added once with its length as weight: the cost grows with
/// the number of spans, not with the length of the text.
/// </summary>
public static class CodePointUnits
{
    /// <summary>The category of a code point no span covers.</summary>
    public const int Outside = 0;

    /// <summary>A stretch of one value in one layer: [Start, End) in code points, category.</summary>
    public readonly record struct Run(int Start, int End, int Category);

    /// <summary>
    /// The layer's runs of non-<see cref="Outside"/> values, in order, not overlapping; spans' labels mapped to categories
    /// by <paramref name="categoryOf"/>. Outermost (first-starting, then longest) span wins each code point.
    /// </summary>
    public static List<Run> Runs(IReadOnlyList<AgreementSpan> spans, Func<string, int> categoryOf)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(categoryOf);
        var sorted = spans.ToArray();
        Array.Sort(sorted, (x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.End.CompareTo(x.End));
        var runs = new List<Run>(sorted.Length);
        var covered = 0; // everything before this is already painted by an earlier (outer) span
        foreach (var span in sorted)
        {
            // Earlier spans all start at or before this one, so what they cover from here on is [span.Start, covered).
            var start = Math.Max(span.Start, covered);
            if (start >= span.End)
            {
                continue;
            }

            var category = categoryOf(span.Label);
            if (runs.Count > 0 && runs[^1].End == start && runs[^1].Category == category)
            {
                runs[^1] = runs[^1] with { End = span.End };
            }
            else
            {
                runs.Add(new Run(start, span.End, category));
            }

            covered = span.End;
        }

        return runs;
    }

    /// <summary>
    /// Adds the units of a text <paramref name="length"/> code points long to <paramref name="table"/>: rater r's runs
    /// are <c>layers[r]</c>, or null when rater r did not see the item (missing).
    /// </summary>
    public static void AddTo(ReliabilityTable table, int length, IReadOnlyList<List<Run>?> layers)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(layers);
        var raters = layers.Count;
        Span<int> next = raters <= 32 ? stackalloc int[raters] : new int[raters];
        Span<int> values = raters <= 32 ? stackalloc int[raters] : new int[raters];
        next.Clear();
        var position = 0;
        while (position < length)
        {
            var end = length;
            for (var r = 0; r < raters; r++)
            {
                var runs = layers[r];
                if (runs is null)
                {
                    values[r] = ReliabilityTable.Missing;
                    continue;
                }

                while (next[r] < runs.Count && runs[next[r]].End <= position)
                {
                    next[r]++;
                }

                if (next[r] < runs.Count && runs[next[r]].Start <= position)
                {
                    values[r] = runs[next[r]].Category;
                    end = Math.Min(end, runs[next[r]].End);
                }
                else
                {
                    values[r] = Outside;
                    if (next[r] < runs.Count)
                    {
                        end = Math.Min(end, runs[next[r]].Start);
                    }
                }
            }

            table.Add(values, end - position);
            position = end;
        }
    }
}
