using BenchmarkDotNet.Running;
using Workbench.Benchmarks.Live;

namespace Workbench.Benchmarks;

// BenchmarkDotNet suites:  dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*'
// Live load:               dotnet run -c Release --project tests/Workbench.Benchmarks -- live --clients 20 --ops 2000 --json /tmp/live.json
// Export time and memory:  dotnet run -c Release --project tests/Workbench.Benchmarks -- export-bench [enumerate|ner-jsonl|conll]
// Project export (DB):    dotnet run -c Release --project tests/Workbench.Benchmarks -- export-project [--articles 50000] [--entities 10] [--json OUT]
// Page import (DB):       dotnet run -c Release --project tests/Workbench.Benchmarks -- import [--pages 1000] [--json OUT]
// Tagging ops and render:  dotnet run -c Release --project tests/Workbench.Benchmarks -- tagging [--json OUT]
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "live":
                return await LiveBenchmark.RunAsync(args[1..]);
            case "tagging":
                await TaggingOperationsProbe.RunAsync(args[1..]);
                return 0;
            case "export": // the name issue 9 gives it
            case "export-project":
                return await ProjectExportProbe.RunAsync(args[1..]);
            case "import":
                return await ImportThroughputProbe.RunAsync(args[1..]);
            case "export-bench":
                ExportMemoryProbe.Run(args[1..]);
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                return 0;
        }
    }
}
