using BenchmarkDotNet.Running;
using Workbench.Benchmarks.Live;

namespace Workbench.Benchmarks;

/// <summary>
/// One program for every benchmark of issue 9:
/// <c>dotnet run -c Release --project tests/Workbench.Benchmarks -- &lt;benchmark&gt; [options] --json OUT.json</c>.
/// Each prints a table and, with --json, writes its figures (plus machine, date and commit).
/// </summary>
public static class BenchmarkProgram
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/Workbench.Benchmarks -- <benchmark> [options] [--json OUT.json]

        benchmarks (each compared with a baseline measured in the same run):
          live    [--clients 50] [--ops 2000]   N users editing one page over SignalR vs. a bare echo hub (closed loop)
                  [--warmup 500]                first send that many operations unmeasured (default 0: the first measured
                                                ones pay for compiling the edit path, the baselines run later, compiled)
                  [--pages 10 --rate 2]         open loop: N users over P pages, each sending R operations/s
                  [--instances 2 --database postgres --redis HOST:PORT]
                                                the same over several app instances on one PostgreSQL and one Redis
          browser-live [--ops 20] [--opens 10] [--pages sample,700]
                                                two Chromium users: key → own and other's DOM, open → Live, repaints
                                                vs. a bare SignalR round trip between the same pages
          import  [--pages 1000]                page import through the app vs. raw Microsoft.Data.Sqlite inserts
                                                (--database postgres: vs. binary COPY); reports the longest import transaction
          scale   [--pages 10000]               open a workbench, list project pages, review queue: N-page vs. 10-page project
          export  [--articles 50000] [--entities 10]
                                                ner-jsonl and conll project export (time, peak memory) vs. just reading the rows
          segmentation [--half test|dev|both] [--sample] [--speed-pages 300]
                                                segmenter quality per evaluation corpus (test half) and pages/s vs. reading alone
          tagging                               tagging operations and rendering probe
          export-bench [enumerate|ner-jsonl|conll]
                                                Core export writers alone (time, memory)
          train-segmenter [--out PATH] [--seed 1]
                                                train the base segmentation model on the corpora's dev halves
          micro   [BenchmarkDotNet args, e.g. --filter '*']
                                                BenchmarkDotNet suites for Core (segmentation, apply, rebase, writers)
          help                                  this text

        --database sqlite|postgres (live, import, export): postgres runs on a fresh database on the server named by
        --postgres "Host=…;Port=…;Username=…" (default $WORKBENCH_BENCH_POSTGRES, else 127.0.0.1:5432), dropped at the end.
        """;

    public static async Task<int> Main(string[] args)
    {
        var rest = args.Length > 0 ? args[1..] : [];
        switch (args.FirstOrDefault())
        {
            case "live":
                return await LiveBenchmark.RunAsync(rest);
            case "segmentation":
                return await SegmentationCorpusBenchmark.RunAsync(rest);
            case "browser-live":
                return await BrowserLive.BrowserLiveBenchmark.RunAsync(rest);
            case "tagging":
                await TaggingOperationsProbe.RunAsync(rest);
                return 0;
            case "export":
            case "export-project":
                return await ProjectExportProbe.RunAsync(rest);
            case "import":
                return await ImportThroughputProbe.RunAsync(rest);
            case "scale":
                return await ScaleBenchmark.RunAsync(rest);
            case "export-bench":
                ExportMemoryProbe.Run(rest);
                return 0;
            case "train-segmenter":
                return TrainSegmenterCommand.Run(rest);
            case "micro":
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(rest);
                return 0;
            case null or "help" or "--help" or "-h":
                Console.WriteLine(Usage);
                return args.Length == 0 ? 2 : 0;
            default:
                Console.Error.WriteLine($"unknown benchmark '{args[0]}'");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
