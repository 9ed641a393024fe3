using System.Diagnostics;
using System.Text.Json;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Benchmarks;

/// <summary>
/// Smoke tests of the benchmark program (tests/Workbench.Benchmarks): each command of issue 9 parses its options,
/// runs on a tiny input and writes the JSON fields the issue names. No timing is asserted.
/// </summary>
public sealed class BenchmarkCommandTests
{
    [Fact]
    public async Task Help_ListsEveryBenchmark()
    {
        var (code, output) = await RunAsync("--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "live", "import", "scale", "export", "segmentation", "micro", "--json" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownBenchmarkOrOption_IsRefused()
    {
        Assert.Equal(2, (await RunAsync("nonsense")).Code);
        Assert.Equal(2, (await RunAsync("scale", "--pagez", "3")).Code);
        Assert.Equal(2, (await RunAsync("import", "--pages", "0")).Code);
    }

    [Fact]
    public async Task Scale_WritesMediansAndRatios()
    {
        var json = await RunJsonAsync("scale", "--pages", "3", "--requests", "1");

        Assert.Equal(3, json.GetProperty("pages").GetInt32());
        foreach (var request in new[] { "open_page", "list_pages", "review_queue" })
        {
            var row = json.GetProperty(request);
            Assert.True(row.GetProperty("median_ms").GetDouble() > 0);
            Assert.True(row.GetProperty("ratio_to_small").GetDouble() > 0);
        }

        Assert.True(json.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
    }

    [Fact]
    public async Task Import_WritesThroughputAndRatio()
    {
        var json = await RunJsonAsync("import", "--pages", "3");

        Assert.True(json.GetProperty("pages_per_s").GetDouble() > 0);
        Assert.True(json.GetProperty("lines_per_s").GetDouble() > 0);
        Assert.True(json.GetProperty("ratio_to_raw").GetDouble() > 0);
    }

    [Fact]
    public async Task Export_WritesTimeAndPeakPerFormat()
    {
        var json = await RunJsonAsync("export", "--articles", "30", "--entities", "2");

        Assert.Equal(30, json.GetProperty("read").GetProperty("articles").GetInt32());
        foreach (var format in new[] { "ner-jsonl", "conll" })
        {
            var row = json.GetProperty(format);
            Assert.Equal(30, row.GetProperty("articles").GetInt32());
            Assert.True(row.GetProperty("peak_mb").GetDouble() > 0);
            Assert.True(row.TryGetProperty("ratio_to_read", out _));
        }
    }

    [Fact]
    public async Task Segmentation_WritesFiguresPerCorpusAndVariant_AndSpeedAgainstReading()
    {
        var json = await RunJsonAsync("segmentation", "--sample", "--speed-pages", "2");

        var rules = json.GetProperty("corpora").GetProperty("mets-fixtures/test").GetProperty("rules");
        foreach (var field in new[] { "precision", "recall", "f1", "exact_article_rate", "title_accuracy" })
        {
            Assert.InRange(rules.GetProperty(field).GetDouble(), 0.0, 1.0);
        }

        Assert.Equal(4, rules.GetProperty("reliability").GetArrayLength());
        Assert.True(json.GetProperty("corpora").TryGetProperty("synthetic-zh-hocr/test", out _));
        foreach (var speed in new[] { "text/rules", "alto800/rules" })
        {
            var row = json.GetProperty("speed").GetProperty(speed);
            Assert.True(row.GetProperty("pages_per_s").GetDouble() > 0);
            Assert.True(row.GetProperty("ratio_to_read").GetDouble() > 0);
        }

        Assert.True(json.GetProperty("speed").GetProperty("alto800/rules").GetProperty("lines_per_page").GetInt32() >= 800);
        Assert.Equal(2, (await RunAsync("segmentation", "--half", "neither")).Code);
    }

    [Fact]
    public async Task Live_WritesLatenciesRatiosCpuAndLoss_AfterAnUnmeasuredWarmUp()
    {
        var json = await RunJsonAsync("live", "--clients", "2", "--ops", "6", "--warmup", "4");

        Assert.Equal(2, json.GetProperty("clients").GetInt32());
        Assert.Equal(4, json.GetProperty("warmup").GetInt32());
        Assert.Equal(6, json.GetProperty("ops").GetInt32());
        foreach (var side in new[] { "workbench", "echo", "patch_echo" })
        {
            foreach (var field in new[] { "p50_ms", "p95_ms", "p99_ms", "ops_per_s", "cpu_ms_per_op" })
            {
                Assert.True(json.GetProperty(side).GetProperty(field).GetDouble() > 0, $"{side}.{field}");
            }
        }

        Assert.True(json.TryGetProperty("ratio_p50", out _));
        Assert.True(json.TryGetProperty("ratio_p99", out _));
        Assert.Equal(0, json.GetProperty("lost").GetInt32());
        Assert.True(json.GetProperty("rejected").GetInt32() >= 0);
    }

    [Fact]
    public async Task BrowserLive_WritesKeyToDomTimesPerKind_TheRoundTripBaseline_OpenTimesAndRepaints()
    {
        var json = await RunJsonAsync("browser-live", "--ops", "1", "--opens", "1", "--pages", "sample");

        var sample = json.GetProperty("sample");
        Assert.Equal(306, sample.GetProperty("page").GetProperty("lines").GetInt32());
        foreach (var kind in new[] { "line_edit", "tag", "split" })
        {
            foreach (var side in new[] { "author", "other" })
            {
                var row = sample.GetProperty(kind).GetProperty(side);
                Assert.True(row.GetProperty("n").GetInt32() == 1 && row.GetProperty("p95_ms").GetDouble() > 0, $"{kind}.{side}: {row}");
            }

            Assert.True(sample.GetProperty(kind).GetProperty("ratio_other_to_echo_p95").GetDouble() > 0);
        }

        Assert.True(sample.GetProperty("echo").GetProperty("n").GetInt32() > 0);
        Assert.True(sample.GetProperty("open_to_live").GetProperty("p95_ms").GetDouble() > 0);
        Assert.True(sample.GetProperty("repaint").GetProperty("full").GetProperty("n").GetInt32() > 0);
        Assert.True(json.GetProperty("targets").GetProperty("author_p95_ms").GetDouble() > 0);
    }

    private static async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output) = await RunAsync([.. args, "--json", path]);
            Assert.True(code == 0, $"exit code {code}:\n{output}");
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            return document.RootElement.Clone();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs the benchmark program built next to this test project (same configuration).</summary>
    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory); // tests/Workbench.Web.Tests/bin/<Configuration>/<tfm>/
        var dll = Path.Combine(Repository.Root, "tests", "Workbench.Benchmarks", "bin", testBin.Parent!.Name, testBin.Name, "Workbench.Benchmarks.dll");
        Assert.True(File.Exists(dll), $"benchmark program not built: {dll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
