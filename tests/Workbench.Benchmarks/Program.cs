using BenchmarkDotNet.Running;

namespace Workbench.Benchmarks;

// Run: dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*'
// Export time and peak memory without BenchmarkDotNet:
//   dotnet run -c Release --project tests/Workbench.Benchmarks -- export-bench [enumerate|ner-jsonl|conll]
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "export-bench")
        {
            ExportMemoryProbe.Run(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
