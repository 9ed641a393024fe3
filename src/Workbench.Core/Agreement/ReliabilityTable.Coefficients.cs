namespace Workbench.Core.Agreement;

// The coefficients read from the table; each is null where its formula is undefined.
public sealed partial class ReliabilityTable
{
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
