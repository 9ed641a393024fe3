using BenchmarkDotNet.Running;

namespace Workbench.Benchmarks;

// Run: dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*'
public static class BenchmarkProgram
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
