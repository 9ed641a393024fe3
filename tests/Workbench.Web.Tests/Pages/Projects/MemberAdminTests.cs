using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Pages.Projects;

public sealed class MemberAdminTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private async Task<(HttpClient Admin, int ProjectId, string Url)> AdminAsync()
    {
        var projectId = await factory.DemoProjectIdAsync();
        return (await factory.LoginAsync("admin"), projectId, $"/Projects/{projectId}/Members");
    }

    private Task<ProjectRole?> RoleAsync(int projectId, string userName) => factory.WithDbAsync(db =>
        db.ProjectMembers.Where(m => m.ProjectId == projectId && m.User!.UserName == userName).Select(m => (ProjectRole?)m.Role).FirstOrDefaultAsync());

    [Fact]
    public async Task Admin_AddsAnExistingUser_ChangesTheRole_AndRemovesThem_KeepingTheirWork()
    {
        var (admin, projectId, url) = await AdminAsync();
        await factory.CreateOutsiderAsync("helper");

        var added = await admin.PostFormAsync(url + "?handler=Add", new() { ["userName"] = "helper", ["role"] = "Annotator" }, url);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(ProjectRole.Annotator, await RoleAsync(projectId, "helper"));

        var helperId = await factory.UserIdAsync("helper");
        var promoted = await admin.PostFormAsync(url + $"?handler=Role&userId={helperId}", new() { ["role"] = "Reviewer" }, url);
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        Assert.Equal(ProjectRole.Reviewer, await RoleAsync(projectId, "helper"));

        var helper = await factory.LoginAsync("helper");
        var pageId = await factory.FreshPageAsync();
        var comment = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(helper, $"/api/pages/{pageId}/articles/{(await factory.ArticleKeysAsync(pageId))[0]}/comments", new { text = "mine" });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);

        var removed = await admin.PostFormAsync(url + $"?handler=Remove&userId={helperId}", [], url);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await RoleAsync(projectId, "helper"));
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == helperId)));
        Assert.True(await factory.WithDbAsync(db => db.Comments.AnyAsync(c => c.AuthorId == helperId && c.Text == "mine")));
        Assert.Equal(HttpStatusCode.Forbidden, (await helper.GetAsync($"/Projects/{projectId}")).StatusCode);
        Assert.Contains("helper", await admin.GetHtmlAsync($"/Projects/{projectId}/Audit?kind=comment"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_CreatesAUser_WithAGeneratedPasswordShownOnce_ThatWorks()
    {
        var (admin, projectId, url) = await AdminAsync();

        var response = await admin.PostFormAsync(url + "?handler=Create", new() { ["userName"] = "newcomer", ["password"] = "", ["role"] = "Annotator" }, url);

        var html = await response.Content.ReadAsStringAsync();
        var password = Regex.Match(html, "id=\"created-password\">.*?<code>([^<]+)</code>").Groups[1].Value;
        Assert.NotEmpty(password);
        Assert.Equal(ProjectRole.Annotator, await RoleAsync(projectId, "newcomer"));
        var newcomer = await factory.LoginAsync("newcomer", password);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync($"/Projects/{projectId}/MyWork")).StatusCode);
        Assert.DoesNotContain(password, await admin.GetHtmlAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_CreatesAUser_WithATypedPassword_AndBadInputGetsAClearError()
    {
        var (admin, projectId, url) = await AdminAsync();

        await admin.PostFormAsync(url + "?handler=Create", new() { ["userName"] = "typed", ["password"] = "Typed-pass-123", ["role"] = "Reviewer" }, url);
        Assert.Equal(ProjectRole.Reviewer, await RoleAsync(projectId, "typed"));
        await factory.LoginAsync("typed", "Typed-pass-123");

        var duplicate = await admin.PostFormAsync(url + "?handler=Create", new() { ["userName"] = "typed", ["password"] = "", ["role"] = "Reviewer" }, url);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already exists", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await admin.PostFormAsync(url + "?handler=Add", new() { ["userName"] = "no-such-user", ["role"] = "Annotator" }, url);
        Assert.Contains("There is no user named", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastAdmin_CannotBeDemotedOrRemoved()
    {
        var (admin, projectId, url) = await AdminAsync();
        var adminId = await factory.UserIdAsync("admin");

        var demoted = await admin.PostFormAsync(url + $"?handler=Role&userId={adminId}", new() { ["role"] = "Reviewer" }, url);
        var removed = await admin.PostFormAsync(url + $"?handler=Remove&userId={adminId}", [], url);

        Assert.Equal(HttpStatusCode.BadRequest, demoted.StatusCode);
        Assert.Contains("at least one admin", await demoted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, removed.StatusCode);
        Assert.Equal(ProjectRole.Admin, await RoleAsync(projectId, "admin"));
    }

    [Fact]
    public async Task Admin_TurnsSelfReviewOnAndOff()
    {
        var (admin, projectId, url) = await AdminAsync();

        await admin.PostFormAsync(url + "?handler=Settings", new() { ["allowSelfReview"] = "true" }, url);
        Assert.True(await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.AllowSelfReview).SingleAsync()));
        await admin.PostFormAsync(url + "?handler=Settings", [], url);
        Assert.False(await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.AllowSelfReview).SingleAsync()));
    }

    [Fact]
    public async Task NonAdmins_AreForbidden()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var reviewer = await factory.LoginAsync("reviewer");

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/Projects/{projectId}/Members")).StatusCode);
        var token = await HttpExtensions.AntiforgeryTokenAsync(reviewer, $"/Projects/{projectId}");
        var post = await reviewer.PostAsync($"/Projects/{projectId}/Members?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "reviewer", ["role"] = "Admin", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(ProjectRole.Reviewer, await RoleAsync(projectId, "reviewer"));
    }
}
