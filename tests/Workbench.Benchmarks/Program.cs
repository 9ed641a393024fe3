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
                  [--pages 10 --rate 2]         open loop: N users over P pages, each sending R operations/s
          import  [--pages 1000]                page import through the app vs. raw Microsoft.Data.Sqlite inserts
          scale   [--pages 10000]               open a workbench, list project pages, review queue: N-page vs. 10-page project
          export  [--articles 50000] [--entities 10]
                                                ner-jsonl and conll project export (time, peak memory) vs. just reading the rows
          tagging                               tagging operations and rendering probe
          export-bench [enumerate|ner-jsonl|conll]
                                                Core export writers alone (time, memory)
          micro   [BenchmarkDotNet args, e.g. --filter '*']
                                                BenchmarkDotNet suites for Core (segmentation, apply, rebase, writers)
          help                                  this text
        """;

    public static async Task<int> Main(string[] args)
    {
        var rest = args.Length > 0 ? args[1..] : [];
        switch (args.FirstOrDefault())
        {
            case "live":
                return await LiveBenchmark.RunAsync(rest);
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
