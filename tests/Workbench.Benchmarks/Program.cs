using BenchmarkDotNet.Running;

namespace Workbench.Benchmarks;

// Run: dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*'
// Export time and peak memory without BenchmarkDotNet:
//   dotnet run -c Release --project tests/Workbench.Benchmarks -- export-bench [enumerate|ner-jsonl|conll]
// Server cost of tagging operations and of rendering the workbench, through the real app over SQLite:
//   dotnet run -c Release --project tests/Workbench.Benchmarks -- tagging [--json OUT]
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "tagging")
        {
            TaggingOperationsProbe.RunAsync(args[1..]).GetAwaiter().GetResult();
            return;
        }

        if (args.Length > 0 && args[0] == "export-bench")
        {
            ExportMemoryProbe.Run(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
