using BenchmarkDotNet.Running;
using Workbench.Benchmarks.Live;

namespace Workbench.Benchmarks;

// Run: dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*'
// Live load: dotnet run -c Release --project tests/Workbench.Benchmarks -- live --clients 20 --ops 2000 --json /tmp/live.json
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "live")
        {
            return await LiveBenchmark.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
