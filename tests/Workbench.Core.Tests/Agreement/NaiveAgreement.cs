using Workbench.Core.Agreement;

namespace Workbench.Core.Tests.Agreement;

/// <summary>
/// A deliberately naive second implementation to check the real one against: one string per code point, every pair of
/// values enumerated, textbook formulas written out. Slow and simple on purpose; shares no code with Core's.
/// </summary>
internal static class NaiveAgreement
{
    public const string O = "O";

    /// <summary>The label of every code point: the first span in (start, longest first) order that covers it, else O.</summary>
    public static string[] Paint(int length, IEnumerable<AgreementSpan> spans)
    {
        var labels = new string?[length];
        foreach (var span in spans.OrderBy(s => s.Start).ThenByDescending(s => s.End))
        {
            for (var i = span.Start; i < span.End; i++)
            {
                labels[i] ??= span.Label;
            }
        }

        return [.. labels.Select(l => l ?? O)];
    }

    /// <summary>Units: for each item, for each code point, one value per rater (null where the rater did not see the item).</summary>
    public static List<string?[]> Units(IEnumerable<AgreementItem> items, IReadOnlyList<string> raters)
    {
        var units = new List<string?[]>();
        foreach (var item in items)
        {
            var painted = raters.Select(r => item.Layers.TryGetValue(r, out var spans) ? Paint(item.Length, spans) : null).ToList();
            for (var i = 0; i < item.Length; i++)
            {
                units.Add([.. painted.Select(p => p?[i])]);
            }
        }

        return units;
    }

    /// <summary>Cohen's κ of raters a and b over the units both rated: (po − pe) / (1 − pe).</summary>
    public static double Cohen(List<string?[]> units, int a, int b, Func<string, string>? recode = null)
    {
        recode ??= v => v;
        var pairs = units.Where(u => u[a] is not null && u[b] is not null).Select(u => (A: recode(u[a]!), B: recode(u[b]!))).ToList();
        double n = pairs.Count;
        var po = pairs.Count(p => p.A == p.B) / n;
        var byA = pairs.GroupBy(p => p.A).ToDictionary(g => g.Key, g => g.Count());
        var byB = pairs.GroupBy(p => p.B).ToDictionary(g => g.Key, g => g.Count());
        var pe = byA.Sum(c => c.Value / n * (byB.GetValueOrDefault(c.Key) / n));
        return (po - pe) / (1 - pe);
    }

    /// <summary>Krippendorff's α (nominal): 1 − D_o / D_e from every ordered pair of values within each unit.</summary>
    public static double Alpha(List<string?[]> units, Func<string, string>? recode = null)
    {
        recode ??= v => v;
        var coincidences = new Dictionary<(string, string), double>();
        foreach (var unit in units)
        {
            var values = unit.Where(v => v is not null).Select(v => recode(v!)).ToList();
            if (values.Count < 2)
            {
                continue;
            }

            for (var i = 0; i < values.Count; i++)
            {
                for (var j = 0; j < values.Count; j++)
                {
                    if (i != j)
                    {
                        coincidences[(values[i], values[j])] = coincidences.GetValueOrDefault((values[i], values[j])) + (1.0 / (values.Count - 1));
                    }
                }
            }
        }

        var totals = coincidences.GroupBy(p => p.Key.Item1).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var n = totals.Values.Sum();
        var observed = coincidences.Where(p => p.Key.Item1 != p.Key.Item2).Sum(p => p.Value) / n;
        var expected = totals.SelectMany(c => totals.Where(k => k.Key != c.Key).Select(k => c.Value * k.Value)).Sum() / (n * (n - 1));
        return 1 - (observed / expected);
    }

    /// <summary>Fleiss' κ with P_u = agreeing pairs / pairs per unit (units with ≥ 2 values) and p_j over all their values.</summary>
    public static double Fleiss(List<string?[]> units)
    {
        var rated = units.Select(u => u.Where(v => v is not null).Select(v => v!).ToList()).Where(v => v.Count >= 2).ToList();
        var pBar = rated.Average(values =>
        {
            var m = values.Count;
            return values.GroupBy(v => v).Sum(g => g.Count() * (g.Count() - 1.0)) / (m * (m - 1.0));
        });
        double all = rated.Sum(v => v.Count);
        var pe = rated.SelectMany(v => v).GroupBy(v => v).Sum(g => Math.Pow(g.Count() / all, 2));
        return (pBar - pe) / (1 - pe);
    }
}
