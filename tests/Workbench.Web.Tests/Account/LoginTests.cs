using System.Net;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Account;

public sealed class LoginTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Projects/1")]
    [InlineData("/Workbench/1")]
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
        Assert.Contains("user name or password is not right", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccountEvenForTheRightPassword()
    {
        await factory.CreateOutsiderAsync("lockme");
        var client = factory.AnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "lockme", ["Input.Password"] = "wrong-password-" + i });
        }

        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "lockme", ["Input.Password"] = WorkbenchFactory.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
