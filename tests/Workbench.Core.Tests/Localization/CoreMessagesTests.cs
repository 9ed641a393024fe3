using System.Globalization;
using System.Text;
using Workbench.Core.Editing;
using Workbench.Core.Pages;

namespace Workbench.Core.Tests.Localization;

public sealed class CoreMessagesTests
{
    private static T InCulture<T>(string name, Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    [Theory]
    [InlineData("en", "page.txt: the file is not valid UTF-8 (bad byte at offset 3); save it as UTF-8 and import it again.")]
    [InlineData("zh-Hans", "page.txt：文件不是有效的 UTF-8 编码（偏移量 3 处的字节有误）；请另存为 UTF-8 后重新导入。")]
    [InlineData("zh-CN", "page.txt：文件不是有效的 UTF-8 编码（偏移量 3 处的字节有误）；请另存为 UTF-8 后重新导入。")]
    public void InvalidUtf8Refusal_SpeaksTheUiLanguage_WithTheByteOffset(string culture, string expected)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("abc"), 0xFF, (byte)'d'];

        var error = InCulture(culture, () => Assert.Throws<PageRejectedException>(() => PageReader.Read("page.txt", bytes)));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void DtdRefusal_IsChineseInZhHans()
    {
        var xml = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE alto [<!ENTITY x \"y\">]><alto/>");

        var error = InCulture("zh-Hans", () => Assert.Throws<PageRejectedException>(() => PageReader.Read("a.xml", xml)));

        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        Assert.Contains("不读取 DTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusWordsAndDescriptions_FollowTheUiLanguage()
    {
        var op = new SetStatus(4, ArticleStatus.Submitted, ArticleStatus.Approved);

        Assert.Equal("Changed the status of article 4: submitted → approved", InCulture("en", () => OperationDescriptions.Describe(op)));
        Assert.Equal("修改文章 4 的状态：已提交 → 已通过", InCulture("zh-Hans", () => OperationDescriptions.Describe(op)));
        Assert.Equal("待修改", InCulture("zh-Hans", () => PageEditor.StatusWords(ArticleStatus.ChangesRequested)));
    }
}
