using System.Diagnostics;
using Workbench.Segmentation.Learning;

namespace Workbench.Benchmarks;

/// <summary>
/// <c>train-segmenter [--out PATH] [--seed 1]</c>: trains the base segmentation model on the dev halves of the evaluation corpora
/// (never a test half) and writes it where the Learning project embeds it (<c>src/Workbench.Segmentation.Learning/base-model.zip</c>).
/// Deterministic for a seed and the same corpus files (the generated synthetic pages are used when present, else the committed sample;
/// the shared METS issues only when the shared folder is there).
/// </summary>
public static class TrainSegmenterCommand
{
    /// <summary>The decision thresholds chosen on the dev halves (cross-validated; see README "Segmentation model").</summary>
    public const double MergeBelow = 0.15;
    public const double SplitAbove = 0.6;

    public static int Run(string[] args)
    {
        var output = Option(args, "--out") ?? Path.Combine(Segmentation.Evaluation.Corpora.RepoRoot, "src", "Workbench.Segmentation.Learning", "base-model.zip");
        var seed = int.Parse(Option(args, "--seed") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var halves = CorpusTraining.DevHalves().ToList();
        foreach (var half in halves)
        {
            Console.WriteLine(half.Skipped is null ? $"{half.Name}: {half.Pages.Count} pages" : $"{half.Name}: skipped ({half.Skipped})");
        }

        var pages = halves.SelectMany(h => h.Pages).Select(CorpusTraining.ToTraining).ToList();
        var clock = Stopwatch.StartNew();
        var model = SegmenterTrainer.Train(pages, seed, "dev halves of the evaluation corpora", MergeBelow, SplitAbove);
        var bytes = model.ToBytes();
        File.WriteAllBytes(output, bytes);
        Console.WriteLine($"trained on {model.Info.Pages} pages, {model.Info.Lines} lines, {model.Info.Articles} articles in {clock.Elapsed.TotalSeconds:0.0} s; {bytes.Length:N0} bytes → {output}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
