using System.Text;
using BenchmarkDotNet.Attributes;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Core.Tagging;

namespace Workbench.Benchmarks;

/// <summary>
/// Suggestions on a generated 700-line page (one article, blocks of 10 lines, 14 CJK characters a line) with a
/// 5,000-entry gazetteer. The baseline is one plain ordinal IndexOf scan of the page text for a single entry, so the
/// other figures read as "costs as much as N single-entry scans".
/// </summary>
[MemoryDiagnoser]
public class TaggingBenchmarks
{
    private const int LineCount = 700;
    private const int EntryCount = 5000;

    private PageState _state = null!;
    private string _pageText = "";
    private string _oneEntry = "";
    private (string Text, string Label)[] _approved = [];
    private SuggestionSources _gazetteerOnly = null!;
    private SuggestionSources _everything = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        string Word(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x4E00, 0x4E00 + 3000)));

        _approved = [.. Enumerable.Range(0, EntryCount).Select(i => (Word(2 + (i % 5)), i % 3 == 0 ? "ORG" : i % 3 == 1 ? "LOC" : "PER"))];
        _oneEntry = _approved[17].Text;

        // Body text: random ideographs with commas, a gazetteer entry, a date or an organisation now and then.
        var body = new StringBuilder();
        while (body.Length < LineCount * 14)
        {
            body.Append(Word(random.Next(4, 12)));
            switch (random.Next(6))
            {
                case 0: body.Append(_approved[random.Next(EntryCount)].Text); break;
                case 1: body.Append(random.Next(1, 13)).Append('月').Append(random.Next(1, 29)).Append('日'); break;
                case 2: body.Append("农牧科学研究所"); break;
            }

            body.Append('，');
        }

        var lines = new List<string>();
        for (var i = 0; i < LineCount; i++)
        {
            lines.Add(i % 10 == 9 ? "" : body.ToString(i * 14, 14));
        }

        var page = new SourcePage("bench.txt", SourceFormat.Text, [.. lines.Select((t, i) => new SourceLine(i + 1, t))]);
        var segmentation = new PageSegmentation(page, [new SegmentArticle("Bench", [new SegmentBlock(BlockRole.Body, 1, LineCount)])]);
        _state = PageStates.FromSegmentation(segmentation);
        _pageText = string.Join('\n', lines);

        var gazetteer = Gazetteer.Build(_approved);
        _gazetteerOnly = new SuggestionSources(LabelDefinition.Defaults, gazetteer, BuiltInRules: false);
        _everything = new SuggestionSources(LabelDefinition.Defaults, gazetteer, [new PatternRule("LOC", "[东西南北]路")]);
    }

    [Benchmark(Baseline = true)]
    public int IndexOfOneEntry()
    {
        var count = 0;
        for (var at = _pageText.IndexOf(_oneEntry, StringComparison.Ordinal); at >= 0; at = _pageText.IndexOf(_oneEntry, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Benchmark]
    public int SuggestGazetteerOnly() => Suggester.Suggest(_state, 1, _gazetteerOnly, new HashSet<string>()).Count;

    [Benchmark]
    public int SuggestGazetteerAndRules() => Suggester.Suggest(_state, 1, _everything, new HashSet<string>()).Count;

    [Benchmark]
    public int BuildGazetteer() => Gazetteer.Build(_approved).Count;
}
