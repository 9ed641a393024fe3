using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Cli;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("workbench-cli-").FullName;

    private string[] HostArgs => [$"--ConnectionStrings:Workbench=Data Source={Path.Combine(directory, "cli.db")}"];

    [Theory]
    [InlineData("000a_")]
    [InlineData("001_")]
    [InlineData("002_")]
    public async Task Segment_PrintsTheJsonContractForEachSamplePage(string prefix)
    {
        var (code, stdout, stderr) = await RunAsync("segment", Repository.SeedPath(prefix));

        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.StartsWith(prefix, root.GetProperty("source").GetString(), StringComparison.Ordinal);
        var lineCount = root.GetProperty("lineCount").GetInt32();
        Assert.Equal(File.ReadAllText(Repository.SeedPath(prefix)).Split('\n').Length - (File.ReadAllText(Repository.SeedPath(prefix)).EndsWith('\n') ? 1 : 0), lineCount);
        string[] roles = ["kicker", "headline", "subheadline", "byline", "body", "subhead", "caption", "credit", "continuation", "other"];
        foreach (var article in root.GetProperty("articles").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, article.GetProperty("title").ValueKind);
            Assert.Equal(JsonValueKind.String, article.GetProperty("text").ValueKind);
            foreach (var block in article.GetProperty("blocks").EnumerateArray())
            {
                Assert.Contains(block.GetProperty("role").GetString(), roles);
                var first = block.GetProperty("firstLine").GetInt32();
                var last = block.GetProperty("lastLine").GetInt32();
                Assert.InRange(first, 1, lineCount);
                Assert.InRange(last, first, lineCount);
                Assert.Equal(JsonValueKind.String, block.GetProperty("text").ValueKind);
            }
        }
    }

    [Fact]
    public async Task Segment_RefusesInvalidUtf8OnStderrWithNonZeroExit()
    {
        var file = Path.Combine(directory, "broken.txt");
        await File.WriteAllBytesAsync(file, [0xE4, 0xB8, 0x80, 0xFF]);

        var (code, stdout, stderr) = await RunAsync("segment", file);

        Assert.NotEqual(0, code);
        Assert.Equal("", stdout);
        Assert.Contains("broken.txt: the file is not valid UTF-8", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_WithoutAFile_ExplainsUsageOnStderr()
    {
        var (code, _, stderr) = await RunAsync("segment");

        Assert.NotEqual(0, code);
        Assert.Contains("Required argument missing", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("segment")]
    [InlineData("import")]
    [InlineData("users")]
    public async Task EveryCommand_HasHelp(string command)
    {
        var (code, stdout, _) = await RunAsync(command, "--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_CreatesTheProject_SkipsDuplicates_AndReportsBadFiles()
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, "pages")).FullName;
        File.Copy(Repository.SeedPath("001_"), Path.Combine(folder, "a.md"));
        File.Copy(Repository.SeedPath("001_"), Path.Combine(folder, "b-same-bytes.md"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "c-binary.txt"), [0x00, 0x01, 0x02]);

        var (code, stdout, stderr) = await RunAsync("import", folder, "--project", "Archive 2024");

        Assert.Equal(1, code);
        Assert.Contains("a.md: imported", stdout, StringComparison.Ordinal);
        Assert.Contains("b-same-bytes.md: already in this project as a.md; skipped.", stdout, StringComparison.Ordinal);
        Assert.Contains("c-binary.txt: the file is binary", stderr, StringComparison.Ordinal);
        Assert.Contains("1 imported, 1 skipped as duplicates, 1 refused.", stdout, StringComparison.Ordinal);

        var (again, againOut, _) = await RunAsync("import", Path.Combine(folder, "a.md"), "--project", "Archive 2024");
        Assert.Equal(0, again);
        Assert.Contains("0 imported, 1 skipped", againOut, StringComparison.Ordinal);
        await using var db = OpenDb();
        Assert.Equal(1, await db.Pages.CountAsync(p => p.Project!.Name == "Archive 2024"));
    }

    [Fact]
    public async Task UsersAdd_CreatesAMemberWithTheRole_AndPrintsAGeneratedPassword()
    {
        var (code, stdout, stderr) = await RunAsync("users", "add", "editor1", "--role", "reviewer", "--project", "Team");

        Assert.True(code == 0, stderr);
        Assert.Matches("Created editor1; password: [A-Za-z0-9]{16}", stdout);
        Assert.Contains("editor1 is reviewer in Team.", stdout, StringComparison.Ordinal);
        await using var db = OpenDb();
        var member = await db.ProjectMembers.Include(m => m.User).SingleAsync(m => m.User!.UserName == "editor1");
        Assert.Equal(Workbench.Web.Data.ProjectRole.Reviewer, member.Role);
    }

    [Fact]
    public async Task UsersAdd_RejectsAnUnknownRole()
    {
        var (code, _, stderr) = await RunAsync("users", "add", "x", "--role", "boss", "--project", "Team");

        Assert.NotEqual(0, code);
        Assert.Contains("boss", stderr, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WorkbenchCli.RunAsync(args, stdout, stderr, HostArgs);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private Workbench.Web.Data.WorkbenchDbContext OpenDb() => new(new DbContextOptionsBuilder<Workbench.Web.Data.WorkbenchDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "cli.db")}").Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
