using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Workbench.Segmentation.Evaluation;

namespace Workbench.Segmentation.Synthetic;

/// <summary>
/// Generates synthetic newspaper pages with known articles (see <see cref="PageLayout"/>, <see cref="PageGenerator"/>):
/// <code>
/// dotnet run -c Release --project tests/Workbench.Segmentation.Synthetic -- [--lang zh|latin|both] [--from 1] [--to 150]
///     [--out artifacts/segmentation-corpus] [--images 1,2] [--parallel 1]
/// </code>
/// Page n has seed 100000+n (zh) or 200000+n (latin); odd n go to <c>{out}/synthetic-{lang}/dev</c>, even n to
/// <c>.../test</c> (the rule is fixed, whatever the pages look like). Pages whose gold files exist are skipped, so an
/// interrupted run resumes. <c>--relabel</c> rewrites the gold files of the pages already generated from their
/// <c>.layout.json</c> and OCR files (after a change in the labelling; nothing rendered or OCRed). Needs /usr/bin/chromium (or WORKBENCH_CHROMIUM), tesseract with chi_sim and eng, and the
/// WenQuanYi Micro Hei and DejaVu fonts.
/// </summary>
public static class Program
{
    private const string Usage = "usage: [--lang zh|latin|both] [--from 1] [--to 150] [--out DIR] [--images 1,2] [--parallel 1] [--relabel]";

    public static async Task<int> Main(string[] args)
    {
        var languages = new[] { "zh", "latin" };
        int from = 1, to = 150, parallel = 1;
        var output = Corpora.GeneratedRoot;
        var images = new HashSet<int>();
        var relabel = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--lang" when i + 1 < args.Length:
                    languages = args[++i] == "both" ? languages : [args[i]];
                    break;
                case "--from" when i + 1 < args.Length:
                    from = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--to" when i + 1 < args.Length:
                    to = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                case "--images" when i + 1 < args.Length:
                    images = args[++i].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToHashSet();
                    break;
                case "--relabel":
                    relabel = true;
                    break;
                case "--parallel" when i + 1 < args.Length:
                    parallel = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        if (languages.Any(l => l is not ("zh" or "latin")) || from < 1 || to < from)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (relabel)
        {
            var relabelled = 0;
            foreach (var language in languages)
            {
                foreach (var n in Enumerable.Range(from, to - from + 1))
                {
                    var folder = Path.Combine(output, $"synthetic-{language}", n % 2 == 1 ? Corpora.Dev : Corpora.Test);
                    relabelled += await PageGenerator.RelabelAsync(folder, $"{(language == "zh" ? "zh" : "la")}-{n.ToString("0000", CultureInfo.InvariantCulture)}") ? 1 : 0;
                }
            }

            Console.WriteLine($"relabelled {relabelled} pages");
            return 0;
        }

        var chromium = Environment.GetEnvironmentVariable("WORKBENCH_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate",
                "--disable-domain-reliability", "--no-pings"],
        });
        var generator = new PageGenerator(browser);
        // Page by page across languages, so an interrupted run leaves both languages and both halves equally far.
        var jobs = Enumerable.Range(from, to - from + 1).SelectMany(n => languages.Select(language => (Language: language, Number: n))).ToList();
        var total = Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (job, _) =>
        {
            var half = job.Number % 2 == 1 ? Corpora.Dev : Corpora.Test;
            var folder = Path.Combine(output, $"synthetic-{job.Language}", half);
            var name = $"{(job.Language == "zh" ? "zh" : "la")}-{job.Number.ToString("0000", CultureInfo.InvariantCulture)}";
            if (File.Exists(Path.Combine(folder, name + ".alto.xml.gold.json")))
            {
                return;
            }

            var elapsed = await generator.GenerateAsync(job.Language, job.Number, folder, images.Contains(job.Number));
            Interlocked.Increment(ref done);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{job.Language} {name} ({half}): {elapsed.TotalSeconds:0.0} s"));
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done} pages in {total.Elapsed.TotalSeconds:0} s ({(done == 0 ? 0 : total.Elapsed.TotalSeconds / done):0.0} s a page)"));
        return 0;
    }
}
