using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using Workbench.Core.Pages;
using Workbench.Segmentation.Evaluation;

namespace Workbench.Benchmarks;

/// <summary>
/// <c>segmentation [--half test|dev|both] [--sample] [--speed-pages 300] [--json OUT]</c>: the segmenter's quality on every
/// evaluation corpus (tests/Workbench.Segmentation.Evaluation/Corpus/README.md) for each <see cref="SegmenterVariants"/> entry
/// ("rules", and "rules+model" once the model lands), on the test half by default: B-cubed P/R/F1, exact-article rate,
/// title accuracy and the reliability table. Synthetic pages come from artifacts/segmentation-corpus when generated, else the
/// committed sample (<c>--sample</c> forces the sample). Then speed: pages per second on text pages (data/seeds) and on
/// ~800-line ALTO pages (built in memory from the same text), read + segment, against reading alone in the same run.
/// </summary>
public static class SegmentationCorpusBenchmark
{
    private const string Usage = "usage: segmentation [--half test|dev|both] [--sample] [--speed-pages 300] [--json OUT]";

    public static async Task<int> RunAsync(string[] args)
    {
        var halves = new[] { Corpora.Test };
        var generated = true;
        var speedPages = 300;
        string? jsonOut = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--half" when i + 1 < args.Length && args[i + 1] is "test" or "dev" or "both":
                    halves = args[++i] == "both" ? [Corpora.Dev, Corpora.Test] : [args[i]];
                    break;
                case "--sample":
                    generated = false;
                    break;
                case "--speed-pages" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    speedPages = n;
                    i++;
                    break;
                case "--json" when i + 1 < args.Length:
                    jsonOut = args[++i];
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        var corpora = new Dictionary<string, object>(StringComparer.Ordinal);
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var half in halves)
        {
            var sets = new List<CorpusHalf>
            {
                Corpora.Synthetic("zh", half, "hocr", generated),
                Corpora.Synthetic("zh", half, "alto", generated),
                Corpora.Synthetic("latin", half, "hocr", generated),
                Corpora.Synthetic("latin", half, "alto", generated),
                Corpora.MetsFixtures(half),
                Corpora.SharedMets(half),
            };
            if (half == Corpora.Dev)
            {
                sets.Add(Corpora.HandGold());
            }

            foreach (var set in sets)
            {
                if (set.Skipped is not null)
                {
                    skipped[set.Name] = set.Skipped;
                    Console.WriteLine($"{set.Name}: {set.Skipped}");
                    continue;
                }

                var byVariant = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var variant in SegmenterVariants.All)
                {
                    var result = SegmentationEvaluator.Evaluate(set.Pages, variant.Segment);
                    Console.WriteLine($"{set.Name} [{variant.Name}]: {result}");
                    byVariant[variant.Name] = Figures(result);
                }

                corpora[set.Name] = byVariant;
            }
        }

        var speed = new Dictionary<string, object>(StringComparer.Ordinal);
        var textPages = Directory.GetFiles(Path.Combine(BenchApp.RepoRoot, "data", "seeds"), "*.txt").Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToList();
        var altoPages = textPages.Select((p, i) => (Name: $"alto800-{i}.xml", Bytes: Alto800(p.Bytes))).ToList();
        foreach (var variant in SegmenterVariants.All)
        {
            speed[$"text/{variant.Name}"] = Speed("text", textPages, speedPages, variant);
            speed[$"alto800/{variant.Name}"] = Speed("alto800", altoPages, Math.Max(1, speedPages / 4), variant);
        }

        var fields = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["halves"] = halves,
            ["synthetic_source"] = generated && Directory.Exists(Corpora.GeneratedRoot) ? "generated (artifacts/segmentation-corpus) where present, else committed sample" : "committed sample",
            ["corpora"] = corpora,
            ["skipped"] = skipped,
            ["speed"] = speed,
            ["load_average"] = LoadAverage(),
        };
        await BenchJson.WriteAsync(jsonOut, "segmentation", fields);
        return 0;
    }

    private static Dictionary<string, object?> Figures(EvaluationResult result) => new(StringComparer.Ordinal)
    {
        ["pages"] = result.Pages,
        ["lines"] = result.Lines,
        ["gold_articles"] = result.GoldArticles,
        ["predicted_articles"] = result.PredictedArticles,
        ["precision"] = Math.Round(result.Precision, 4),
        ["recall"] = Math.Round(result.Recall, 4),
        ["f1"] = Math.Round(result.F1, 4),
        ["page_mean_f1"] = Math.Round(result.MacroF1, 4),
        ["exact_article_rate"] = Math.Round(result.ExactArticleRate, 4),
        ["title_accuracy"] = Math.Round(result.TitleAccuracy, 4),
        ["reliability"] = result.Reliability.Select(b => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["bucket"] = b.Label,
            ["boundaries"] = b.Boundaries,
            ["right"] = b.Right,
            ["accuracy"] = b.Accuracy is { } a ? Math.Round(a, 4) : null,
            ["opens_right"] = b.OpensRight,
        }).ToList(),
    };

    /// <summary>Pages per second reading alone and reading + segmenting the same pages, round-robin, after a warm-up; ratio = segmenting run time / reading run time.</summary>
    private static Dictionary<string, object> Speed(string name, List<(string Name, byte[] Bytes)> pages, int count, SegmenterVariant variant)
    {
        for (var i = 0; i < Math.Min(count, 20); i++)
        {
            variant.Segment(PageReader.Read(pages[i % pages.Count].Name, pages[i % pages.Count].Bytes));
        }

        var lines = 0;
        var read = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            lines += PageReader.Read(pages[i % pages.Count].Name, pages[i % pages.Count].Bytes).Lines.Count;
        }

        read.Stop();
        var segment = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            variant.Segment(PageReader.Read(pages[i % pages.Count].Name, pages[i % pages.Count].Bytes));
        }

        segment.Stop();
        var readRate = count / read.Elapsed.TotalSeconds;
        var segmentRate = count / segment.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"speed {name} [{variant.Name}]: {count} pages, {lines / count} lines a page: read + segment {segmentRate:0.0} pages/s; read alone {readRate:0.0} pages/s; ratio {segment.Elapsed / read.Elapsed:0.00}"));
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["pages"] = count,
            ["lines_per_page"] = lines / count,
            ["pages_per_s"] = Math.Round(segmentRate, 1),
            ["read_only_pages_per_s"] = Math.Round(readRate, 1),
            ["ratio_to_read"] = Math.Round(segment.Elapsed / read.Elapsed, 2),
        };
    }

    /// <summary>An ALTO page of about 800 lines: the text page's non-blank lines repeated, 20 lines a block, two columns of boxes.</summary>
    internal static byte[] Alto800(byte[] textPage)
    {
        var lines = PageReader.SplitLines(Encoding.UTF8.GetString(textPage)).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page WIDTH="4000" HEIGHT="30000"><PrintSpace>""");
        for (var i = 0; i < 800; i++)
        {
            if (i % 20 == 0)
            {
                xml.Append(CultureInfo.InvariantCulture, $"""{(i > 0 ? "</TextBlock>" : "")}<TextBlock ID="B{i / 20}">""");
            }

            var x = i < 400 ? 100 : 2100;
            var y = 100 + (i % 400) * 70;
            xml.Append(CultureInfo.InvariantCulture, $"""<TextLine ID="L{i}" HPOS="{x}" VPOS="{y}" WIDTH="1800" HEIGHT="50"><String CONTENT="{SecurityElement.Escape(lines[i % lines.Count].Trim())}"/></TextLine>""");
        }

        xml.Append("</TextBlock></PrintSpace></Page></Layout></alto>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
