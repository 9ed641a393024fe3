namespace Workbench.Core.Agreement;

/// <summary>
/// Reliability data in the sense of Krippendorff: units, each given at most one nominal value (a category index
/// 0..<see cref="Categories"/>−1) by each of <see cref="Raters"/> raters, or none (missing). Units are added one run at
/// a time (<see cref="Add"/> with a weight: that many identical units), so code points are counted by the run, never
/// stored. What is kept is what the coefficients need: per rater pair a contingency table (Cohen's κ), per category the
/// Fleiss sums, and Krippendorff's coincidence matrix. Nothing here knows what a unit is: code points of entity labels
/// today; lines with "opens an article / continues one" for segmentation agreement later.
/// </summary>
public sealed partial class ReliabilityTable
{
    public const int Missing = -1;

    private readonly long[][]? _pairs; // [pair][a * K + b], pairs (a < b) in order (0,1), (0,2), …, (1,2), …
    private readonly double[] _coincidence; // [c * K + k]
    private readonly double[] _fleissRatings; // Σ_u w · n_uc / n_u · n_u = Σ_u w · n_uc (ratings per category in units with n_u ≥ 2)
    private readonly double[] _fleissDisagreement; // Σ_u w · n_uc (n_u − n_uc) / (n_u (n_u − 1))
    private readonly int[] _counts;
    private double _fleissAgreement; // Σ_u w · P_u
    private double _fleissRatingsTotal;

    /// <param name="pairs">Keep a contingency table per rater pair (Cohen's κ); off for per-item tables that need only α.</param>
    public ReliabilityTable(int raters, int categories, bool pairs = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(raters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(categories, 1);
        Raters = raters;
        Categories = categories;
        if (pairs)
        {
            _pairs = new long[raters * (raters - 1) / 2][];
            for (var p = 0; p < _pairs.Length; p++)
            {
                _pairs[p] = new long[categories * categories];
            }
        }

        _coincidence = new double[categories * categories];
        _fleissRatings = new double[categories];
        _fleissDisagreement = new double[categories];
        _counts = new int[categories];
    }

    public int Raters { get; }

    public int Categories { get; }

    /// <summary>Units with at least two values (the pairable units α and Fleiss' κ use).</summary>
    public long PairableUnits { get; private set; }

    /// <summary>Pairable units whose values are not all the same.</summary>
    public long DisagreeingUnits { get; private set; }

    /// <summary>Adds <paramref name="weight"/> units on which rater r gave <c>values[r]</c> (<see cref="Missing"/> for none).</summary>
    public void Add(ReadOnlySpan<int> values, long weight = 1)
    {
        if (values.Length != Raters)
        {
            throw new ArgumentException($"expected {Raters} values, got {values.Length}", nameof(values));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        if (weight == 0)
        {
            return;
        }

        var m = 0;
        for (var r = 0; r < values.Length; r++)
        {
            var v = values[r];
            if (v == Missing)
            {
                continue;
            }

            ArgumentOutOfRangeException.ThrowIfNegative(v, nameof(values));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(v, Categories, nameof(values));
            _counts[v]++;
            m++;
        }

        if (_pairs is not null)
        {
            AddPairs(values, weight);
        }

        if (m >= 2)
        {
            AddUnit(values, m, weight);
        }

        foreach (var v in values)
        {
            if (v != Missing)
            {
                _counts[v] = 0;
            }
        }
    }

    /// <summary>Empties the table for reuse.</summary>
    public void Clear()
    {
        if (_pairs is not null)
        {
            foreach (var pair in _pairs)
            {
                Array.Clear(pair);
            }
        }

        Array.Clear(_coincidence);
        Array.Clear(_fleissRatings);
        Array.Clear(_fleissDisagreement);
        _fleissAgreement = 0;
        _fleissRatingsTotal = 0;
        PairableUnits = 0;
        DisagreeingUnits = 0;
    }

    private void AddPairs(ReadOnlySpan<int> values, long weight)
    {
        var p = 0;
        for (var a = 0; a < Raters; a++)
        {
            for (var b = a + 1; b < Raters; b++, p++)
            {
                if (values[a] != Missing && values[b] != Missing)
                {
                    _pairs![p][(values[a] * Categories) + values[b]] += weight;
                }
            }
        }
    }

    private void AddUnit(ReadOnlySpan<int> values, int m, long weight)
    {
        PairableUnits += weight;
        var agreeingPairs = 0.0;
        var distinct = 0;
        for (var r = 0; r < values.Length; r++)
        {
            var c = values[r];
            if (c == Missing || _counts[c] == 0 || IsRepeat(values, r))
            {
                continue; // each category once per unit
            }

            distinct++;
            double nc = _counts[c];
            agreeingPairs += nc * (nc - 1);
            _fleissRatings[c] += weight * nc;
            _fleissDisagreement[c] += weight * nc * (m - nc) / (m * (m - 1.0));

            // Krippendorff's coincidences: each of the m_u (m_u − 1) ordered pairs of values in the unit, weighted 1/(m_u − 1).
            for (var s = 0; s < values.Length; s++)
            {
                var k = values[s];
                if (k == Missing || IsRepeat(values, s))
                {
                    continue;
                }

                double pairsCk = c == k ? nc * (nc - 1) : nc * _counts[k];
                _coincidence[(c * Categories) + k] += weight * pairsCk / (m - 1);
            }
        }

        if (distinct > 1)
        {
            DisagreeingUnits += weight;
        }

        _fleissAgreement += weight * agreeingPairs / (m * (m - 1.0));
        _fleissRatingsTotal += weight * (double)m;
    }

    /// <summary>True when the value at <paramref name="index"/> already occurred earlier in the unit.</summary>
    private static bool IsRepeat(ReadOnlySpan<int> values, int index) => values[..index].Contains(values[index]);
}
