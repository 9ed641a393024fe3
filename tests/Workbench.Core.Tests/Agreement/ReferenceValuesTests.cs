using Workbench.Core.Agreement;

namespace Workbench.Core.Tests.Agreement;

/// <summary>Published examples, reproduced to 3 decimals by <see cref="ReliabilityTable"/> and, end to end, by <see cref="AgreementMeasures"/>.</summary>
public class ReferenceValuesTests
{
    private const int Precision = 3;

    /// <summary>
    /// Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", Annenberg School for Communication,
    /// University of Pennsylvania, https://repository.upenn.edu/asc_papers/43 — section C, "Nominal data, any number of
    /// observers, missing data": 4 observers × 12 units, values 1–5, "." missing; published α = 0.743.
    /// </summary>
    private static readonly int?[][] Krippendorff2011 =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null], // observer A
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3], // observer B
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null], // observer C
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null], // observer D
    ];

    [Fact]
    public void KrippendorffAlpha_ReproducesKrippendorff2011NominalWithMissingData()
    {
        Assert.Equal(0.743, Table(Krippendorff2011, categories: 6).KrippendorffAlpha()!.Value, Precision);
    }

    [Fact]
    public void KrippendorffAlpha_ReproducesKrippendorff2011Binary()
    {
        // Krippendorff (2011), section A, "Binary data, two observers, no missing data": 10 units; published α = 0.095.
        int?[][] data =
        [
            [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
            [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
        ];
        Assert.Equal(0.095, Table(data, categories: 2).KrippendorffAlpha()!.Value, Precision);
    }

    [Fact]
    public void KrippendorffAlpha_ReproducesWikipediaComputationalExample()
    {
        // Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders × 15 units, "*" missing;
        // nominal α = 0.691.
        int?[][] data =
        [
            [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
            [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
            [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
        ];
        Assert.Equal(0.691, Table(data, categories: 5).KrippendorffAlpha()!.Value, Precision);
    }

    [Fact]
    public void KrippendorffAlpha_Krippendorff2011_EndToEndAsOneCodePointArticles()
    {
        // The same 4 × 12 matrix as annotations: each unit an article one code point long, each value a label on it,
        // a missing value an observer who did not see the article.
        var observers = new[] { "A", "B", "C", "D" };
        var items = Enumerable.Range(0, 12).Select(u => new AgreementItem(
            $"unit{u + 1}",
            1,
            observers.Select((o, r) => (o, Krippendorff2011[r][u]))
                .Where(p => p.Item2 is not null)
                .ToDictionary(p => p.o, p => (IReadOnlyList<AgreementSpan>)[new AgreementSpan(0, 1, $"V{p.Item2}")])));

        var report = AgreementMeasures.Measure(items);

        Assert.Equal(0.743, report.KrippendorffAlpha!.Value, Precision);
        Assert.Equal(12, report.Items.Count);
        Assert.Equal(["A", "B", "D"], report.Items[0].Annotators);
    }

    /// <summary>
    /// Wikipedia, "Fleiss' kappa", worked example (10 subjects × 14 raters × 5 categories; counts n_ij per subject).
    /// Published: P̄ = 0.378, P̄_e = 0.213, κ = 0.210. (The brief for this work quoted 0.430 for this table; that is
    /// the figure of Fleiss' own 1971 table below, not of this one.)
    /// </summary>
    [Fact]
    public void FleissKappa_ReproducesWikipediaExample()
    {
        int[][] counts =
        [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        var table = new ReliabilityTable(14, 5);
        foreach (var subject in counts)
        {
            table.Add([.. subject.SelectMany((n, category) => Enumerable.Repeat(category, n))]);
        }

        Assert.Equal(0.210, table.FleissKappa()!.Value, Precision);
    }

    /// <summary>
    /// Fleiss, J. L. (1971). "Measuring nominal scale agreement among many raters", Psychological Bulletin 76(5),
    /// 378–382, Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses (depression, personality disorder,
    /// schizophrenia, neurosis, other); published κ = .430 (R irr::kappam.fleiss(diagnoses) gives 0.4302445).
    /// Rows are the diagnoses given to each patient (Fleiss gives only the counts; raters differ per patient).
    /// </summary>
    [Fact]
    public void FleissKappa_ReproducesFleiss1971()
    {
        int[][] diagnoses =
        [
            [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
            [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
            [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
            [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
            [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
            [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
        ];
        var table = new ReliabilityTable(6, 6);
        foreach (var patient in diagnoses)
        {
            table.Add(patient);
        }

        Assert.Equal(0.430, table.FleissKappa()!.Value, Precision);

        // Each category's κ_j (Fleiss' eq. 16) is Fleiss' κ of the data recoded to "j or not j".
        for (var j = 1; j <= 5; j++)
        {
            var binary = new ReliabilityTable(6, 2);
            foreach (var patient in diagnoses)
            {
                binary.Add([.. patient.Select(d => d == j ? 1 : 0)]);
            }

            Assert.Equal(binary.FleissKappa()!.Value, table.FleissKappa(j)!.Value, 12);
        }
    }

    /// <summary>
    /// Wikipedia, "Cohen's kappa", simple example: 50 grant proposals read by A and B; both yes 20, A yes B no 5,
    /// A no B yes 10, both no 15: p_o = 0.7, p_e = 0.5, κ = 0.4. And the section "Same percentages but different
    /// numbers": (45, 15, 25, 15) → κ = 0.1304, (25, 35, 5, 35) → κ = 0.2593.
    /// </summary>
    [Theory]
    [InlineData(20, 5, 10, 15, 0.4)]
    [InlineData(45, 15, 25, 15, 0.1304)]
    [InlineData(25, 35, 5, 35, 0.2593)]
    public void CohenKappa_ReproducesWikipediaExamples(int yesYes, int yesNo, int noYes, int noNo, double kappa)
    {
        var table = new ReliabilityTable(2, 2);
        table.Add([1, 1], yesYes);
        table.Add([1, 0], yesNo);
        table.Add([0, 1], noYes);
        table.Add([0, 0], noNo);

        Assert.Equal(kappa, table.CohenKappa(0, 1)!.Value, Precision);
        Assert.Equal(kappa, table.CohenKappa(1, 0)!.Value, Precision);
    }

    [Fact]
    public void CohenKappa_Wikipedia50Items_EndToEndOverCodePoints()
    {
        // The 50 proposals as the code points of one article: "yes" is a span labelled Y. A says yes on 0–25, B on
        // 0–20 and 25–35: both yes 20, A yes B no 5, A no B yes 10, both no 15.
        var item = new AgreementItem("grants", 50, new Dictionary<string, IReadOnlyList<AgreementSpan>>
        {
            ["A"] = [new(0, 25, "Y")],
            ["B"] = [new(0, 20, "Y"), new(25, 35, "Y")],
        });

        var pair = AgreementMeasures.Measure([item]).Pairs.Single();

        Assert.Equal(0.4, pair.CohenKappa!.Value, Precision);
        Assert.Equal(0.7, pair.ObservedAgreement!.Value, Precision);
        Assert.Equal(50, pair.Units);
    }

    private static ReliabilityTable Table(int?[][] byRater, int categories)
    {
        var table = new ReliabilityTable(byRater.Length, categories);
        for (var u = 0; u < byRater[0].Length; u++)
        {
            table.Add([.. byRater.Select(r => r[u] ?? ReliabilityTable.Missing)]);
        }

        return table;
    }
}
