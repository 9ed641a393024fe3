using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Localization;

/// <summary>
/// Every page in Simplified Chinese (from Accept-Language, the culture cookie or the saved preference), the header's
/// language switch, and server messages (import refusals, hub rejections) in the caller's language.
/// </summary>
public sealed class LanguageTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private const string ChineseCookie = ".AspNetCore.Culture=c%3Dzh-Hans%7Cuic%3Dzh-Hans";

    public static TheoryData<string, string> ProjectPages => new()
    {
        { "/", "我的项目" },
        { "/Projects/{id}", "上传并分割" },
        { "/Projects/{id}/Labels", "添加标签" },
        { "/Projects/{id}/Members", "添加已有用户" },
        { "/Projects/{id}/Export", "下载 zip" },
        { "/Projects/{id}/Review", "审核队列" },
        { "/Projects/{id}/Assign", "分配任务" },
        { "/Projects/{id}/MyWork", "本项目中还没有分配给您的任务" },
        { "/Projects/{id}/Dashboard", "文章状态分布" },
        { "/Projects/{id}/Audit", "下载 CSV" },
        { "/Projects/{id}/Agreement", "只度量所有标注员都已提交标注层的文章" },
        { "/Account/ChangePassword", "再次输入新密码" },
    };

    [Theory]
    [MemberData(nameof(ProjectPages))]
    public async Task Page_RendersInChinese_ForABrowserAskingForZhCN(string path, string expected)
    {
        var client = await factory.LoginAsync("admin");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9,en;q=0.8");

        var html = await GetAsync(client, path);

        Assert.Contains("<html lang=\"zh-Hans\">", html, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("退出登录", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Log out", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProjectPages))]
    public async Task Page_RendersInChinese_FromTheCultureCookie(string path, string expected)
    {
        var client = await factory.LoginAsync("admin");
        client.DefaultRequestHeaders.Add("Cookie", ChineseCookie);

        var html = await GetAsync(client, path);

        Assert.Contains("<html lang=\"zh-Hans\">", html, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_StayEnglish_WithoutAChoice_OrForAnotherLanguage()
    {
        var client = await factory.LoginAsync("admin");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");

        var html = await GetAsync(client, "/");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Your projects", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-SG", "zh-Hans")]
    [InlineData("zh-Hans-CN", "zh-Hans")]
    [InlineData("en-GB", "en")]
    [InlineData("zh-TW", "en")]
    public async Task AcceptLanguage_MapsOntoASupportedCulture(string header, string expected)
    {
        var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(header);

        var response = await client.GetAsync("/Account/Login");

        Assert.Contains($"<html lang=\"{expected}\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_IsChinese_AndItsErrorsToo()
    {
        var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var page = await client.GetStringAsync("/Account/Login");
        var wrong = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "admin", ["Input.Password"] = "not the password" });
        var error = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());

        Assert.Contains("登录 Workbench", page, StringComparison.Ordinal);
        Assert.Contains("用户名或密码错误。", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_ExplainsIdentitysRulesInChinese_AndChangesIt()
    {
        await MemberAsync("lang-password", ProjectRole.Annotator);
        var client = await factory.LoginAsync("lang-password");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        const string page = "/Account/ChangePassword";

        var tooShort = await client.PostFormAsync(page, new() { ["Input.CurrentPassword"] = WorkbenchFactory.Password, ["Input.NewPassword"] = "short1", ["Input.ConfirmPassword"] = "short1" });
        var wrongCurrent = await client.PostFormAsync(page, new() { ["Input.CurrentPassword"] = "not-it-at-all", ["Input.NewPassword"] = "Another-pass-456", ["Input.ConfirmPassword"] = "Another-pass-456" });
        var changed = await client.PostFormAsync(page, new() { ["Input.CurrentPassword"] = WorkbenchFactory.Password, ["Input.NewPassword"] = "Another-pass-456", ["Input.ConfirmPassword"] = "Another-pass-456" });

        Assert.Contains("密码至少需要 10 个字符。", WebUtility.HtmlDecode(await tooShort.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("当前密码不正确。", WebUtility.HtmlDecode(await wrongCurrent.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("密码已修改。", await client.GetHtmlAsync(changed.Headers.Location!.OriginalString), StringComparison.Ordinal);
        await factory.LoginAsync("lang-password", "Another-pass-456");
    }

    [Fact]
    public async Task MissingPage_ShowsTheChineseStatusPage()
    {
        var client = await factory.LoginAsync("admin");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var response = await client.GetAsync("/Projects/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("没有这个页面或项目。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_SetsTheCookie_SavesThePreference_AndReturnsToTheSamePlace()
    {
        await MemberAsync("lang-switcher", ProjectRole.Reviewer);
        var client = await factory.LoginAsync("lang-switcher");
        var projectId = await factory.DemoProjectIdAsync();
        var here = $"/Projects/{projectId}/Review?publication=%E5%86%85%E8%92%99%E5%8F%A4%E6%97%A5%E6%8A%A5&p=1";

        var response = await client.PostFormAsync("/Language", new() { ["culture"] = "zh-Hans", ["returnUrl"] = here }, formPage: here);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(here, response.Headers.Location!.OriginalString);
        var setCookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(setCookies, c => c.StartsWith(".AspNetCore.Culture=c%3Dzh-Hans%7Cuic%3Dzh-Hans", StringComparison.Ordinal));
        Assert.Equal("zh-Hans", await LanguageOfAsync("lang-switcher"));

        // At once, and it wins over the browser's language (the test client keeps no cookies but the sign-in's).
        var fresh = factory.AnonymousClient();
        CopyAuthCookie(response, fresh);
        fresh.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var html = await fresh.GetStringAsync(here);
        Assert.Contains("<html lang=\"zh-Hans\">", html, StringComparison.Ordinal);
        Assert.Contains("审核队列", html, StringComparison.Ordinal);

        var back = await fresh.PostFormAsync("/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: here);
        Assert.Equal("/", back.Headers.Location!.OriginalString);
        Assert.Equal("en", await LanguageOfAsync("lang-switcher"));
    }

    [Fact]
    public async Task Header_OffersBothLanguages_ReturningToThisPageWithItsQuery()
    {
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var here = $"/Projects/{projectId}/Audit?kind=editLine&p=2";

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(here));

        Assert.Contains($"name=\"returnUrl\" value=\"{here}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"zh-Hans\" lang=\"zh-Hans\"", html, StringComparison.Ordinal);
        Assert.Contains(">中文</button>", html, StringComparison.Ordinal);
        Assert.Contains(">English</button>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Switch_RefusesAReturnUrlOffTheSite(string returnUrl)
    {
        var client = factory.AnonymousClient();

        var response = await client.PostFormAsync("/Language", new() { ["culture"] = "zh-Hans", ["returnUrl"] = returnUrl }, formPage: "/Account/Login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Switch_OnTheLoginPage_SetsOnlyTheCookie()
    {
        var client = factory.AnonymousClient();
        const string here = "/Account/Login?ReturnUrl=%2FProjects%2F1";

        var response = await client.PostFormAsync("/Language", new() { ["culture"] = "zh-Hans", ["returnUrl"] = here }, formPage: here);

        Assert.Equal(here, response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        var page = factory.AnonymousClient();
        page.DefaultRequestHeaders.Add("Cookie", ChineseCookie);
        Assert.Contains("登录 Workbench", await page.GetStringAsync(here), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_RefusesAnUnknownLanguage()
    {
        var client = factory.AnonymousClient();

        var response = await client.PostFormAsync("/Language", new() { ["culture"] = "fr", ["returnUrl"] = "/" }, formPage: "/Account/Login");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UploadRefusal_IsChinese_WithTheByteOffset()
    {
        var client = await factory.LoginAsync("admin");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var projectId = await factory.DemoProjectIdAsync();

        var response = await client.UploadAsync($"/Projects/{projectId}", $"/Projects/{projectId}?handler=Upload", ("zh-bad.txt", [.. "正文"u8, 0xFF, 0x41]));
        var html = WebUtility.HtmlDecode(await client.GetHtmlAsync(response.Headers.Location!.ToString()));

        Assert.Contains("zh-bad.txt：文件不是有效的 UTF-8 编码（偏移量 6 处的字节有误）；请另存为 UTF-8 后重新导入。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubRejections_AreInTheCallersLanguage()
    {
        await MemberAsync("hub-zh", ProjectRole.Annotator, language: "zh-Hans");
        await factory.CreateOutsiderAsync("hub-zh-outsider");
        await SetLanguageAsync("hub-zh-outsider", "zh-Hans");
        var pageId = await factory.PageIdAsync("001_");
        var imported = PageClient.ImportedState("001_");

        await using var outsider = await PageClient.ConnectAsync(factory, "hub-zh-outsider", pageId, imported);
        var refused = await outsider.JoinAsync();

        await using var member = await PageClient.ConnectAsync(factory, "hub-zh", pageId, imported);
        Assert.True((await member.JoinAsync()).Joined);
        var line = member.State.Lines.Values.First(l => l.Text.Length > 0);
        var stale = await member.ApplyAsync(new EditLine(line.Number, line.Text + "（旧）", line.Text + "x"));

        Assert.Equal("您不是该版面所属项目的成员。", refused.Reason);
        Assert.False(stale.Accepted);
        Assert.Equal($"第 {line.Number} 行在您加载后已被修改，您的编辑未生效。", stale.Reason);
        Assert.Equal("You are not a member of this page's project.", ServerMessages.NotMember); // this thread is still English
    }

    [Fact]
    public async Task DatesAndNumbers_AreWrittenForTheCulture()
    {
        var projectId = await factory.DemoProjectIdAsync();
        await factory.WithDbAsync(async db =>
        {
            var page = await db.Pages.Where(p => p.ProjectId == projectId).OrderBy(p => p.Id).FirstAsync();
            page.IssueDate = new DateOnly(2024, 3, 5);
            return await db.SaveChangesAsync();
        });
        var english = await factory.LoginAsync("admin");
        var chinese = await factory.LoginAsync("admin");
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var en = await english.GetStringAsync($"/Projects/{projectId}");
        var zh = await chinese.GetStringAsync($"/Projects/{projectId}");

        Assert.Contains("<td>3/5/2024</td>", en, StringComparison.Ordinal);
        Assert.Contains("<td>2024/3/5</td>", zh, StringComparison.Ordinal);
    }

    private async Task<string> GetAsync(HttpClient client, string path)
    {
        var projectId = await factory.DemoProjectIdAsync();
        return await client.GetHtmlAsync(path.Replace("{id}", projectId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private static void CopyAuthCookie(HttpResponseMessage response, HttpClient client)
    {
        var auth = response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("workbench.auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(auth);
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", auth));
    }

    private async Task MemberAsync(string name, ProjectRole role, string? language = null)
    {
        await PageClient.CreateMembersAsync(factory, [name], role);
        if (language is not null)
        {
            await SetLanguageAsync(name, language);
        }
    }

    private async Task SetLanguageAsync(string name, string language)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(name))!;
        user.Language = language;
        await users.UpdateAsync(user);
    }

    private Task<string?> LanguageOfAsync(string name) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Language).SingleAsync());
}
