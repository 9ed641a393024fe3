using System.Net;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Security;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Pages.Account;

public sealed class LoginTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Projects/1")]
    [InlineData("/Editor/1")]
    public async Task EveryPageButLogin_RedirectsAnonymousUsersToLogin(string url)
    {
        var response = await factory.AnonymousClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_AnswersAnonymousUsersWith401()
    {
        var response = await factory.AnonymousClient().GetAsync("/api/pages/1/state");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("reviewer")]
    [InlineData("annotator")]
    public async Task DemoAccounts_LogInAndSeeTheDemoProject(string user)
    {
        var client = await factory.LoginAsync(user);

        var html = await client.GetHtmlAsync("/");

        Assert.Contains("Demo: Inner Mongolia newspapers", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_IsRefusedWithAMessage()
    {
        var client = factory.AnonymousClient();

        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "reviewer", ["Input.Password"] = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Wrong user name or password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedFailures_PauseTheNameForThatClient_ButTheOwnersBrowserStillLogsIn()
    {
        await factory.CreateOutsiderAsync("lockme");
        var owner = await factory.LoginAsync("lockme");
        var attacker = factory.AnonymousClient();
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            await attacker.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "lockme", ["Input.Password"] = "wrong-password-" + i });
        }

        var paused = await attacker.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "lockme", ["Input.Password"] = WorkbenchFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, paused.StatusCode);
        Assert.Contains("Too many failed log-ins", await paused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The owner's browser (it logged in before, so it carries the device cookie) is another client: not paused.
        var again = await owner.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "lockme", ["Input.Password"] = WorkbenchFactory.Password }, "/Account/Login");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.False(await factory.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.UserName == "lockme")).LockoutEnd is not null));
    }

    [Fact]
    public async Task UnknownNames_GetTheSameAnswers_AsRealOnes()
    {
        var client = factory.AnonymousClient();

        var unknown = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "nobody-here", ["Input.Password"] = "whatever-1" });
        var known = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "reviewer", ["Input.Password"] = "whatever-1" });
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(ErrorOf(await known.Content.ReadAsStringAsync()), ErrorOf(await unknown.Content.ReadAsStringAsync()));

        // Pausing after repeated failures happens for names without an account too, with the same words.
        await factory.CreateOutsiderAsync("pause-real");
        var (realAnswer, ghostAnswer) = ("", "");
        for (var i = 0; i <= LoginThrottle.MaxFailures; i++)
        {
            realAnswer = ErrorOf(await (await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "pause-real", ["Input.Password"] = "bad-" + i })).Content.ReadAsStringAsync());
            ghostAnswer = ErrorOf(await (await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "pause-ghost", ["Input.Password"] = "bad-" + i })).Content.ReadAsStringAsync());
        }

        Assert.Contains("Too many failed log-ins", realAnswer, StringComparison.Ordinal);
        Assert.Equal(realAnswer, ghostAnswer);
    }

    [Fact]
    public async Task UnknownNames_TakeAboutAsLongAsWrongPasswords()
    {
        var (unknown, known) = (new List<double>(), new List<double>());
        for (var i = 0; i < 9; i++)
        {
            await factory.CreateOutsiderAsync($"timing-{i}");
        }

        for (var i = 0; i < 9; i++)
        {
            // Fresh clients and names that fail once each, so none reaches the pause.
            unknown.Add(await TimeLoginAsync($"ghost-{i}"));
            known.Add(await TimeLoginAsync($"timing-{i}"));
        }

        // Before the fix: 3.7 ms against 53 ms (a password hash only for real accounts). Same work now; generous bound for a busy machine.
        var ratio = Median(unknown) / Median(known);
        Assert.True(ratio > 0.4, $"unknown {Median(unknown):F1} ms, known {Median(known):F1} ms");
    }

    private async Task<double> TimeLoginAsync(string name)
    {
        var client = factory.AnonymousClient();
        var html = await client.GetStringAsync("/Account/Login");
        var fields = new Dictionary<string, string> { ["Input.UserName"] = name, ["Input.Password"] = "wrong-" + Guid.NewGuid().ToString("N")[..6] };
        fields["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string ErrorOf(string html) => System.Text.RegularExpressions.Regex.Match(html, "id=\"login-error\">([^<]*)<").Groups[1].Value;
}
