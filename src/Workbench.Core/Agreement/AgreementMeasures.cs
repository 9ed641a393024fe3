namespace Workbench.Core.Agreement;

/// <summary>Which annotators and labels a report covers, and in what order.</summary>
public sealed record AgreementOptions
{
    /// <summary>The annotators to compare, in report order; null: every annotator found, ordinal order. Others are ignored.</summary>
    public IReadOnlyList<string>? Annotators { get; init; }

    /// <summary>Labels reported first, in this order (e.g. the project's, so an unused label still shows); labels found in spans follow, ordinal order.</summary>
    public IReadOnlyList<string>? Labels { get; init; }
}

/// <summary>
/// Inter-annotator agreement over items with each annotator's spans: span precision/recall/F1 (exact and overlapping,
/// see <see cref="SpanMatching"/>) per pair, per label and per item; Cohen's κ per pair, Fleiss' κ and Krippendorff's
/// α (nominal) over code points (see <see cref="CodePointUnits"/>), overall and per label. Pure; one pass over the items.
/// </summary>
public static class AgreementMeasures
{
    public static AgreementReport Measure(IEnumerable<AgreementItem> items, AgreementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= new AgreementOptions();
        var list = items as IReadOnlyList<AgreementItem> ?? items.ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            item.Validate();
            if (!ids.Add(item.Id))
            {
                throw new ArgumentException($"item “{item.Id}” is given twice", nameof(items));
            }
        }

        var annotators = options.Annotators?.ToList()
            ?? [.. list.SelectMany(i => i.Layers.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var labels = (options.Labels ?? []).Distinct(StringComparer.Ordinal).ToList();
        labels.AddRange(list
            .SelectMany(i => i.Layers.Where(l => annotators.Contains(l.Key)).SelectMany(l => l.Value).Select(s => s.Label))
            .Distinct(StringComparer.Ordinal).Except(labels, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var category = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i + 1, StringComparer.Ordinal);
        int CategoryOf(string label) => category[label];

        var raters = Math.Max(annotators.Count, 1);
        var table = new ReliabilityTable(raters, labels.Count + 1);
        var itemTable = new ReliabilityTable(raters, labels.Count + 1, pairs: false);
        var pairs = new Dictionary<(int A, int B), PairTotals>();
        var itemResults = new List<ItemAgreement>(list.Count);
        var layers = new List<CodePointUnits.Run>?[raters];
        foreach (var item in list)
        {
            var present = new List<int>();
            for (var r = 0; r < annotators.Count; r++)
            {
                layers[r] = item.Layers.TryGetValue(annotators[r], out var spans) ? CodePointUnits.Runs(spans, CategoryOf) : null;
                if (layers[r] is not null)
                {
                    present.Add(r);
                }
            }

            CodePointUnits.AddTo(table, item.Length, layers);
            itemTable.Clear();
            CodePointUnits.AddTo(itemTable, item.Length, layers);
            SpanScores exact = default, overlap = default;
            for (var x = 0; x < present.Count; x++)
            {
                for (var y = x + 1; y < present.Count; y++)
                {
                    var (a, b) = (present[x], present[y]);
                    var totals = pairs.TryGetValue((a, b), out var found) ? found : pairs[(a, b)] = new PairTotals();
                    totals.StartItem();
                    SpanMatching.Match(item.Layers[annotators[a]], item.Layers[annotators[b]], totals.Add);
                    exact += totals.LastExact;
                    overlap += totals.LastOverlap;
                }
            }

            itemResults.Add(new ItemAgreement(
                item.Id, item.Length, [.. present.Select(r => annotators[r])], exact, overlap,
                itemTable.DisagreeingUnits, itemTable.KrippendorffAlpha()));
        }

        return Report(annotators, labels, table, pairs, itemResults);
    }

    private static AgreementReport Report(List<string> annotators, List<string> labels, ReliabilityTable table, Dictionary<(int A, int B), PairTotals> pairs, List<ItemAgreement> items)
    {
        var pairResults = new List<PairAgreement>();
        var pooled = labels.ToDictionary(l => l, _ => (Exact: default(SpanScores), Overlap: default(SpanScores)), StringComparer.Ordinal);
        for (var a = 0; a < annotators.Count; a++)
        {
            for (var b = a + 1; b < annotators.Count; b++)
            {
                var totals = pairs.GetValueOrDefault((a, b)) ?? new PairTotals();
                var perLabel = new Dictionary<string, PairLabelAgreement>(StringComparer.Ordinal);
                for (var l = 0; l < labels.Count; l++)
                {
                    var (exact, overlap) = totals.PerLabel.GetValueOrDefault(labels[l]);
                    perLabel[labels[l]] = new PairLabelAgreement(exact, overlap, table.CohenKappa(a, b, l + 1));
                    pooled[labels[l]] = (pooled[labels[l]].Exact + exact, pooled[labels[l]].Overlap + overlap);
                }

                pairResults.Add(new PairAgreement(
                    annotators[a], annotators[b], totals.Items, table.PairUnits(a, b),
                    totals.Exact, totals.Overlap, table.CohenKappa(a, b), table.ObservedAgreement(a, b), perLabel));
            }
        }

        var labelResults = new Dictionary<string, LabelAgreement>(StringComparer.Ordinal);
        for (var l = 0; l < labels.Count; l++)
        {
            var (exact, overlap) = pooled[labels[l]];
            labelResults[labels[l]] = new LabelAgreement(exact, overlap, table.FleissKappa(l + 1), table.KrippendorffAlpha(l + 1));
        }

        return new AgreementReport(
            annotators, labels, pairResults,
            pairResults.Aggregate(default(SpanScores), (s, p) => s + p.Exact),
            pairResults.Aggregate(default(SpanScores), (s, p) => s + p.Overlap),
            table.FleissKappa(), table.KrippendorffAlpha(), table.PairableUnits, labelResults, items);
    }

    private sealed class PairTotals
    {
        public int Items { get; private set; }

        public SpanScores Exact { get; private set; }

        public SpanScores Overlap { get; private set; }

        public Dictionary<string, (SpanScores Exact, SpanScores Overlap)> PerLabel { get; } = new(StringComparer.Ordinal);

        /// <summary>What the current item added so far (since <see cref="StartItem"/>).</summary>
        public SpanScores LastExact { get; private set; }

        public SpanScores LastOverlap { get; private set; }

        public void StartItem()
        {
            Items++;
            LastExact = default;
            LastOverlap = default;
        }

        public void Add(string label, SpanScores exact, SpanScores overlap)
        {
            LastExact += exact;
            LastOverlap += overlap;
            var (e, o) = PerLabel.GetValueOrDefault(label);
            PerLabel[label] = (e + exact, o + overlap);
            Exact += exact;
            Overlap += overlap;
        }
    }
}
