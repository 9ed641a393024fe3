using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Benchmarks;

/// <summary>Writes a benchmark's JSON: its own fields as given, plus where and when it ran (machine, date, commit).</summary>
public static class BenchJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The JSON text: <paramref name="fields"/> (an object or dictionary) with "machine", "date" and "commit" added.</summary>
    public static string Format(string benchmark, object fields)
    {
        var json = JsonSerializer.SerializeToNode(fields, fields.GetType())!.AsObject();
        json["benchmark"] = benchmark;
        json["machine"] = JsonSerializer.SerializeToNode(Machine());
        json["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        json["commit"] = Commit();
        return json.ToJsonString(Indented);
    }

    public static async Task WriteAsync(string? path, string benchmark, object fields)
    {
        if (path is null)
        {
            return;
        }

        await File.WriteAllTextAsync(path, Format(benchmark, fields));
        Console.WriteLine($"wrote {path}");
    }

    public static Dictionary<string, object> Machine() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["ram_gb"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1),
        ["os"] = RuntimeInformation.OSDescription,
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["cpu"] = CpuName(),
    };

    private static string CpuName()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string? Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                WorkingDirectory = BenchApp.RepoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return null;
            }

            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
