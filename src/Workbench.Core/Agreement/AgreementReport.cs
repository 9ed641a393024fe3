namespace Workbench.Core.Agreement;

/// <summary>One label's agreement between two annotators: spans exact and overlapping, and Cohen's κ of "this label or not" per code point.</summary>
public sealed record PairLabelAgreement(SpanScores Exact, SpanScores Overlap, double? CohenKappa);

/// <summary>
/// Two annotators over the items both saw: span scores (B against A; F1 is symmetric), Cohen's κ over the code points
/// of those items, the share of code points with the same value, and the same per label.
/// </summary>
public sealed record PairAgreement(
    string A,
    string B,
    int Items,
    long Units,
    SpanScores Exact,
    SpanScores Overlap,
    double? CohenKappa,
    double? ObservedAgreement,
    IReadOnlyDictionary<string, PairLabelAgreement> PerLabel);

/// <summary>
/// One label over all annotators: span scores pooled over every pair (each pair's matches and spans summed), and the
/// code-point coefficients of "this label or not".
/// </summary>
public sealed record LabelAgreement(SpanScores Exact, SpanScores Overlap, double? FleissKappa, double? KrippendorffAlpha);

/// <summary>
/// One item (article): who saw it, span scores pooled over the pairs of those annotators, the code points on which
/// they did not all give the same value, and α over its code points. Items seen by fewer than two annotators have
/// nothing to compare (<see cref="Comparable"/> false, measures null or zero).
/// </summary>
public sealed record ItemAgreement(
    string Id,
    int Length,
    IReadOnlyList<string> Annotators,
    SpanScores Exact,
    SpanScores Overlap,
    long DisagreeingUnits,
    double? KrippendorffAlpha)
{
    public bool Comparable => Annotators.Count >= 2;

    /// <summary>The share of the item's code points on which its annotators disagree (0 for an empty or incomparable item).</summary>
    public double DisagreementRate => !Comparable || Length == 0 ? 0 : (double)DisagreeingUnits / Length;
}

/// <summary>
/// Agreement over a set of items: the annotators and labels in report order, every annotator pair, the coefficients
/// over all annotators (Fleiss' κ and Krippendorff's α over code points; missing annotators allowed), per label, and
/// per item.
/// </summary>
public sealed record AgreementReport(
    IReadOnlyList<string> Annotators,
    IReadOnlyList<string> Labels,
    IReadOnlyList<PairAgreement> Pairs,
    SpanScores Exact,
    SpanScores Overlap,
    double? FleissKappa,
    double? KrippendorffAlpha,
    long PairableUnits,
    IReadOnlyDictionary<string, LabelAgreement> PerLabel,
    IReadOnlyList<ItemAgreement> Items)
{
    /// <summary>
    /// Comparable items, worst first: by the share of code points the annotators disagree on (defined for every
    /// item, and steadier on short articles than a per-item κ or α), then by exact span F1 (lowest first, items with no
    /// spans last), then by id.
    /// </summary>
    public IEnumerable<ItemAgreement> WorstFirst() =>
        Items.Where(i => i.Comparable)
            .OrderByDescending(i => i.DisagreementRate)
            .ThenBy(i => i.Exact.F1 ?? double.MaxValue)
            .ThenBy(i => i.Id, StringComparer.Ordinal);

    /// <summary>The pair of two annotators, named in either order; null when neither order is in the report.</summary>
    public PairAgreement? Pair(string a, string b) =>
        Pairs.FirstOrDefault(p => (p.A == a && p.B == b) || (p.A == b && p.B == a));
}
