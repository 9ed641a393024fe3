namespace Workbench.Core.Agreement;

/// <summary>
/// Reliability data in the sense of Krippendorff: units, each given at most one nominal value (a category index
/// 0..<see cref="Categories"/>−1) by each of <see cref="Raters"/> raters, or none (missing). Units are added one run at
/// a time (<see cref="Add"/> with a weight: that many identical units), so code points are counted by the run, never
/// stored. What is kept is what the coefficients need: per rater pair a contingency table (Cohen's κ), per category the
/// Fleiss sums, and Krippendorff's coincidence matrix. Nothing here knows what a unit is: code points of entity labels
/// today; lines with "opens an article / continues one" for segmentation agreement later.
/// </summary>
public sealed class ReliabilityTable
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

    // ---- coefficients ---------------------------------------------------------------------------------------------

    /// <summary>How many units raters a and b both gave a value.</summary>
    public long PairUnits(int a, int b) => Sum(Pair(a, b));

    /// <summary>The share of units both rated on which a and b gave the same value; null when there are none.</summary>
    public double? ObservedAgreement(int a, int b)
    {
        var table = Pair(a, b);
        var n = Sum(table);
        if (n == 0)
        {
            return null;
        }

        long same = 0;
        for (var c = 0; c < Categories; c++)
        {
            same += table[(c * Categories) + c];
        }

        return (double)same / n;
    }

    /// <summary>
    /// Cohen's κ (1960) of raters a and b over the units both rated: (p_o − p_e) / (1 − p_e), p_e from each rater's own
    /// marginals. With <paramref name="category"/>, κ of "this category or not". Null when undefined (no units, or p_e = 1).
    /// </summary>
    public double? CohenKappa(int a, int b, int? category = null)
    {
        var table = Pair(a, b);
        double n = Sum(table);
        if (n == 0)
        {
            return null;
        }

        var rowTotals = new double[Categories];
        var columnTotals = new double[Categories];
        for (var r = 0; r < Categories; r++)
        {
            for (var c = 0; c < Categories; c++)
            {
                rowTotals[r] += table[(r * Categories) + c];
                columnTotals[c] += table[(r * Categories) + c];
            }
        }

        double observed, expected;
        if (category is int j)
        {
            double both = table[(j * Categories) + j];
            var neither = n - rowTotals[j] - columnTotals[j] + both;
            observed = (both + neither) / n;
            expected = ((rowTotals[j] * columnTotals[j]) + ((n - rowTotals[j]) * (n - columnTotals[j]))) / (n * n);
        }
        else
        {
            observed = 0;
            expected = 0;
            for (var c = 0; c < Categories; c++)
            {
                observed += table[(c * Categories) + c];
                expected += rowTotals[c] * columnTotals[c];
            }

            observed /= n;
            expected /= n * n;
        }

        return Kappa(observed, expected);
    }

    /// <summary>
    /// Fleiss' κ (1971): P̄ = mean over units of the share of agreeing rater pairs, P̄_e = Σ p_j² with p_j the share of
    /// all ratings in category j. Units rated by fewer than two raters are left out; units may be rated by different
    /// numbers of raters (each unit's P_u uses its own n_u), which is Fleiss' formula exactly when every unit has the
    /// same number. With <paramref name="category"/>, Fleiss' κ_j of that category against the rest (his eq. 16).
    /// Null when undefined (no pairable units, or P̄_e = 1).
    /// </summary>
    public double? FleissKappa(int? category = null)
    {
        if (PairableUnits == 0)
        {
            return null;
        }

        double units = PairableUnits;
        if (category is int j)
        {
            var p = _fleissRatings[j] / _fleissRatingsTotal;
            var pq = p * (1 - p);
            return pq <= 0 ? null : 1 - (_fleissDisagreement[j] / (units * pq));
        }

        var observed = _fleissAgreement / units;
        var expected = 0.0;
        foreach (var ratings in _fleissRatings)
        {
            var p = ratings / _fleissRatingsTotal;
            expected += p * p;
        }

        return Kappa(observed, expected);
    }

    /// <summary>
    /// Krippendorff's α for nominal data (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
    /// 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k over the coincidence matrix of pairable values; missing values allowed.
    /// With <paramref name="category"/>, α of that category against all others (the coincidence matrix collapsed).
    /// Null when undefined (fewer than two pairable values, or only one value used: no expected disagreement).
    /// </summary>
    public double? KrippendorffAlpha(int? category = null)
    {
        var totals = new double[Categories];
        var n = 0.0;
        for (var c = 0; c < Categories; c++)
        {
            for (var k = 0; k < Categories; k++)
            {
                totals[c] += _coincidence[(c * Categories) + k];
            }

            n += totals[c];
        }

        double observed = 0, expected = 0;
        if (category is int j)
        {
            for (var k = 0; k < Categories; k++)
            {
                observed += k == j ? 0 : 2 * _coincidence[(j * Categories) + k];
            }

            expected = 2 * totals[j] * (n - totals[j]);
        }
        else
        {
            for (var c = 0; c < Categories; c++)
            {
                observed += totals[c] - _coincidence[(c * Categories) + c];
                expected += totals[c] * (n - totals[c]);
            }
        }

        return n <= 1 || expected <= 0 ? null : 1 - ((n - 1) * observed / expected);
    }

    private static double? Kappa(double observed, double expected) =>
        expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);

    private long[] Pair(int a, int b)
    {
        if (_pairs is null)
        {
            throw new InvalidOperationException("this table keeps no rater pairs");
        }

        ArgumentOutOfRangeException.ThrowIfEqual(a, b);
        if (a > b)
        {
            // Cohen's κ and agreement are symmetric; callers may name the pair either way round.
            (a, b) = (b, a);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(b, Raters);
        var index = (a * ((2 * Raters) - a - 1) / 2) + (b - a - 1);
        return _pairs[index];
    }

    private static long Sum(long[] table)
    {
        long n = 0;
        foreach (var count in table)
        {
            n += count;
        }

        return n;
    }
}
