using System.Globalization;
using Workbench.Web.Cli;

namespace Workbench.Web.Tests.Cli;

/// <summary>The CLI speaks the system language (LANG → CurrentUICulture) or the one given with --lang.</summary>
public sealed class CliLanguageTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("workbench-cli-lang-").FullName;

    [Fact]
    public async Task LangZhHans_PrintsTheHelpInChinese()
    {
        var (code, stdout, _) = await RunAsync("--lang", "zh-Hans", "--help");

        Assert.Equal(0, code);
        Assert.Contains("说明：", stdout, StringComparison.Ordinal);
        Assert.Contains("将一个版面文件的文章分割结果以 JSON 输出到标准输出。", stdout, StringComparison.Ordinal);
        Assert.Contains("显示帮助和用法信息", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Print the article segmentation", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LangAfterTheCommand_WorksToo_ForTheCommandsHelp()
    {
        var (code, stdout, _) = await RunAsync("export", "--lang=zh-Hans", "--help");

        Assert.Equal(0, code);
        Assert.Contains("要导出的项目。", stdout, StringComparison.Ordinal);
        Assert.Contains("（必填）", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutLang_TheHelpIsEnglishOnAnEnglishSystem()
    {
        var (code, stdout, _) = await RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("Print the article segmentation of one page file as JSON on stdout.", stdout, StringComparison.Ordinal);
        Assert.Contains("--lang <en|zh-Hans>", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", null, "nothing.txt：文件不存在。")]
    [InlineData("zh-CN", "en", "nothing.txt: no such file.")]
    [InlineData("fr-FR", null, "nothing.txt: no such file.")]
    [InlineData("en-US", "zh-Hans", "nothing.txt：文件不存在。")]
    public async Task Messages_FollowTheSystemCulture_UnlessLangIsGiven(string system, string? lang, string expected)
    {
        var missing = Path.Combine(directory, "nothing.txt");
        string[] args = lang is null ? ["segment", missing] : ["--lang", lang, "segment", missing];

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(system);
        try
        {
            var (code, _, stderr) = await RunAsync(args);

            Assert.Equal(2, code);
            Assert.Equal(expected, stderr.Trim());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task ImportRefusal_IsChinese_WithLangZhHans()
    {
        var bad = Path.Combine(directory, "bad.txt");
        await File.WriteAllBytesAsync(bad, [0xE4, 0xB8, 0x80, 0xFF]);

        var (_, _, stderr) = await RunAsync("segment", bad, "--lang", "zh-Hans");

        Assert.Contains("bad.txt：文件不是有效的 UTF-8 编码（偏移量 3 处的字节有误）", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--lang", "zh-Hans", "--help" }, true)]
    [InlineData(new[] { "--lang=en", "segment", "x" }, true)]
    [InlineData(new[] { "--lang", "zh-Hans" }, false)]
    [InlineData(new[] { "--urls", "http://localhost:5000" }, false)]
    public void LangBeforeTheCommand_StillMakesItACliCall(string[] args, bool isCli) =>
        Assert.Equal(isCli, WorkbenchCli.IsCliCommand(args));

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WorkbenchCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
