using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Workbench.Core.Export;

namespace Workbench.Benchmarks;

/// <summary>
/// Exports 50,000 generated articles × 10 entities (made lazily, one at a time) to ner-jsonl and CoNLL into
/// <see cref="Stream.Null"/>. The baseline only enumerates the same articles, so the ratio is the writers' cost.
/// Peak memory: <c>dotnet run -c Release --project tests/Workbench.Benchmarks -- export-bench</c> (see <see cref="ExportMemoryProbe"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ExportBenchmarks
{
    public const int ArticleCount = 50_000;

    [Benchmark(Baseline = true)]
    public long Enumerate()
    {
        long sum = 0;
        foreach (var article in GeneratedArticles.Create(ArticleCount))
        {
            sum += article.Text.Length + article.Entities.Count;
        }

        return sum;
    }

    [Benchmark]
    public int NerJsonl() => Export(ExportFormats.NerJsonl);

    [Benchmark]
    public int Conll() => Export(ExportFormats.Conll);

    internal static int Export(string format) =>
        Exporter.Run(GeneratedArticles.Create(ArticleCount), new ExportOptions(format) { ToolVersion = "bench" }, _ => Stream.Null)
            .Splits.Sum(s => s.Articles);
}

/// <summary>Deterministic synthetic articles: ~400 characters of CJK prose, 10 entities each, every 10th with 𠀀 and 😀.</summary>
internal static class GeneratedArticles
{
    private static readonly string[] Filler =
    [
        "在会议上指出，", "要坚持稳中求进工作总基调，", "推动经济社会高质量发展。", "记者从有关部门获悉，",
        "今年以来全市经济运行总体平稳，", "各项改革举措落地见效。", "据介绍，", "该项目总投资约十二亿元，",
    ];

    private static readonly (string Label, string Text)[] Names =
    [
        ("PER", "徐振朋"), ("LOC", "乌兰察布市"), ("ORG", "新华社"), ("PER", "张三"), ("LOC", "北京"),
        ("ORG", "北京大学"), ("PER", "李四"), ("LOC", "内蒙古自治区"), ("ORG", "人民日报社"), ("PER", "王五"),
    ];

    public static IEnumerable<ExportArticle> Create(int count)
    {
        var page = new ExportPageInfo("bench.txt", "Bench Daily", "2026-01-01", 1);
        var text = new StringBuilder(512);
        for (var i = 0; i < count; i++)
        {
            text.Clear();
            var entities = new List<ExportEntity>(Names.Length);
            if (i % 10 == 0)
            {
                text.Append("𠀀😀");
            }

            for (var k = 0; k < Names.Length; k++)
            {
                text.Append(Filler[(i + k) % Filler.Length]).Append(Filler[(i + (2 * k) + 1) % Filler.Length]);
                var (label, name) = Names[(i + k) % Names.Length];
                entities.Add(new ExportEntity(text.Length, text.Length + name.Length, label, name, "manual"));
                text.Append(name).Append(Filler[(i + (3 * k)) % Filler.Length]);
            }

            yield return new ExportArticle(
                "a" + i.ToString(CultureInfo.InvariantCulture), page, "标题", text.ToString(), entities, "approved", ["ann"], null);
        }
    }
}

/// <summary>
/// <c>export-bench [enumerate|ner-jsonl|conll]</c>: runs one export of 50,000 articles into Stream.Null and prints
/// time, bytes allocated and the process's peak working set. Each mode runs twice (cold: with JIT; warm);
/// run one mode per process for a clean peak.
/// </summary>
public static class ExportMemoryProbe
{
    public static void Run(string[] args)
    {
        var modes = args.Length > 0 ? args : ["enumerate", ExportFormats.NerJsonl, ExportFormats.Conll];
        foreach (var mode in modes)
        {
            Measure(mode, "cold");
            Measure(mode, "warm");
        }
    }

    private static void Measure(string mode, string run)
    {
        {
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var result = mode == "enumerate" ? new ExportBenchmarks().Enumerate() : ExportBenchmarks.Export(mode);
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{mode,-10} {run} {watch.Elapsed.TotalMilliseconds,8:F0} ms  allocated {allocated / 1048576.0,8:F1} MiB  " +
                $"peak working set {process.PeakWorkingSet64 / 1048576.0,6:F1} MiB  max GC heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0,6:F1} MiB  ({result})"));
        }
    }
}
