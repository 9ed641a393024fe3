using System.Text;
using BenchmarkDotNet.Attributes;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Benchmarks;

/// <summary>
/// Segments each sample page from data/seeds. The baseline only splits the same text into lines, so the
/// segmenter's cost is reported as a ratio to reading the page. Pages/second = 1 / Mean.
/// </summary>
[MemoryDiagnoser]
public class SegmentationBenchmarks
{
    private string _text = "";
    private SourcePage? _page;

    [Params("000a_3b61d9199e17de9f.txt", "001_12197b68ae50d42b.txt", "002_9769de2f8fa82c4a.txt")]
    public string Seed { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var bytes = File.ReadAllBytes(Path.Combine(BenchApp.RepoRoot, "data", "seeds", Seed));
        _text = Encoding.UTF8.GetString(bytes);
        _page = PageReader.Read(Seed, bytes);
    }

    [Benchmark(Baseline = true)]
    public int SplitLines() => PageReader.SplitLines(_text).Count;

    [Benchmark]
    public int Segment() => Segmenter.Segment(_page!).Articles.Count;

}
