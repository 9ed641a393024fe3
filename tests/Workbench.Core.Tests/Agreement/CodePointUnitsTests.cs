using Workbench.Core.Agreement;
using Workbench.Core.Export;

namespace Workbench.Core.Tests.Agreement;

public class CodePointUnitsTests
{
    private static readonly Dictionary<string, int> Categories = new(StringComparer.Ordinal) { ["PER"] = 1, ["ORG"] = 2, ["LOC"] = 3 };

    [Fact]
    public void Runs_NestedSpans_TakeTheOutermostLabel()
    {
        // 北京大学附属医院 ORG 0–8 with 北京 LOC 0–2 inside: every code point is ORG.
        var runs = CodePointUnits.Runs([new(0, 2, "LOC"), new(0, 8, "ORG")], l => Categories[l]);

        Assert.Equal([new CodePointUnits.Run(0, 8, 2)], runs);
    }

    [Fact]
    public void Runs_CrossingSpans_FirstStartingWinsItsWholeRange()
    {
        var runs = CodePointUnits.Runs([new(3, 8, "LOC"), new(0, 5, "PER"), new(10, 12, "PER"), new(12, 13, "PER")], l => Categories[l]);

        Assert.Equal([new CodePointUnits.Run(0, 5, 1), new CodePointUnits.Run(5, 8, 3), new CodePointUnits.Run(10, 13, 1)], runs);
    }

    [Fact]
    public void Runs_MatchNaivePaintingOnRandomLayers()
    {
        var random = new Random(7);
        string[] labels = ["PER", "ORG", "LOC"];
        for (var round = 0; round < 200; round++)
        {
            var length = 1 + random.Next(30);
            var spans = Enumerable.Range(0, random.Next(8)).Select(_ =>
            {
                var start = random.Next(length);
                return new AgreementSpan(start, start + 1 + random.Next(length - start), labels[random.Next(3)]);
            }).ToList();

            var expected = NaiveAgreement.Paint(length, spans);
            var actual = Enumerable.Repeat(NaiveAgreement.O, length).ToArray();
            foreach (var run in CodePointUnits.Runs(spans, l => Categories[l]))
            {
                for (var i = run.Start; i < run.End; i++)
                {
                    actual[i] = labels[run.Category - 1];
                }
            }

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void AddTo_CountsStretchesByTheirLength_AndLeavesMissingRatersOut()
    {
        var table = new ReliabilityTable(3, 2);
        List<CodePointUnits.Run>?[] layers = [[new(10, 20, 1)], [new(15, 25, 1)], null];

        CodePointUnits.AddTo(table, 100_000, layers);

        // Stretches: 0–10 O/O, 10–15 PER/O, 15–20 PER/PER, 20–25 O/PER, 25–100000 O/O.
        Assert.Equal(100_000, table.PairableUnits);
        Assert.Equal(10, table.DisagreeingUnits);
        Assert.Equal(100_000, table.PairUnits(0, 1));
        Assert.Equal(0, table.PairUnits(0, 2));
    }

    [Fact]
    public void FromText_CountsCodePoints_WithSurrogatePairsAndCrlf()
    {
        const string text = "𠀀王小明\r\n在😀北京";
        var item = AgreementItem.FromText("t", text, new Dictionary<string, IReadOnlyList<ImportedSpan>>
        {
            ["A"] = [new ImportedSpan(2, 5, "PER"), new ImportedSpan(10, 12, "LOC")],
            ["B"] = [new ImportedSpan(0, 5, "PER")],
        });

        Assert.Equal(10, item.Length);
        Assert.Equal([new AgreementSpan(1, 4, "PER"), new AgreementSpan(8, 10, "LOC")], item.Layers["A"]);
        Assert.Equal([new AgreementSpan(0, 4, "PER")], item.Layers["B"]);
    }

    [Theory]
    [InlineData(1, 3)] // starts inside 𠀀
    [InlineData(2, 2)] // empty
    [InlineData(4, 12)] // leaves the text
    public void FromText_RefusesABadSpanNamingItemAndAnnotator(int start, int end)
    {
        var error = Assert.Throws<ArgumentException>(() => AgreementItem.FromText("p3-a7", "𠀀王小明在北京", new Dictionary<string, IReadOnlyList<ImportedSpan>>
        {
            ["ann2"] = [new ImportedSpan(start, end, "PER")],
        }));

        Assert.Contains("p3-a7", error.Message, StringComparison.Ordinal);
        Assert.Contains("ann2", error.Message, StringComparison.Ordinal);
    }
}
