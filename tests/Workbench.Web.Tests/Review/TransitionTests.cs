using System.Net;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

public sealed class TransitionTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private const int Article = 2;

    public static TheoryData<string, ArticleStatus, ArticleStatus, string?> Allowed => new()
    {
        { "annotator", ArticleStatus.Draft, ArticleStatus.InProgress, null },
        { "annotator", ArticleStatus.Draft, ArticleStatus.Submitted, null },
        { "annotator", ArticleStatus.InProgress, ArticleStatus.Submitted, null },
        { "annotator", ArticleStatus.Submitted, ArticleStatus.InProgress, "Taking it back: the second line still has a typo." },
        { "reviewer", ArticleStatus.Submitted, ArticleStatus.InProgress, "Back to work: split the last paragraph off." },
        { "annotator", ArticleStatus.ChangesRequested, ArticleStatus.InProgress, null },
        { "annotator", ArticleStatus.ChangesRequested, ArticleStatus.Submitted, null },
        { "reviewer", ArticleStatus.Submitted, ArticleStatus.Approved, "Read it against the scan; the OCR is right as it is." },
        { "reviewer", ArticleStatus.Submitted, ArticleStatus.ChangesRequested, "Line 3: the byline belongs to the next article." },
        { "reviewer", ArticleStatus.Approved, ArticleStatus.InProgress, "Reopened: a name was misread." },
        { "admin", ArticleStatus.Submitted, ArticleStatus.Approved, "Checked: machine output is correct." },
        { "admin", ArticleStatus.Approved, ArticleStatus.InProgress, "Reopened by the admin." },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task Transition_IsApplied_ByAnAllowedRole(string user, ArticleStatus from, ArticleStatus to, string? comment)
    {
        var pageId = await FreshPageAsync();
        await factory.ForceStatusAsync(pageId, Article, from);
        var client = await factory.LoginAsync(user);

        var (status, outcome) = await client.ApplyAsync(pageId, new SetStatus(Article, from, to), comment);

        Assert.True(status == HttpStatusCode.OK, outcome.ToString());
        Assert.Equal(to, await factory.StatusAsync(pageId, Article));
        if (comment is not null)
        {
            Assert.True(await factory.WithDbAsync(db => db.Comments.AnyAsync(c => c.PageId == pageId && c.ArticleKey == Article && c.Text == comment && c.Sequence != null)));
        }
    }

    public static TheoryData<string, ArticleStatus, ArticleStatus, string?, HttpStatusCode, string> Refused => new()
    {
        { "annotator", ArticleStatus.Submitted, ArticleStatus.Approved, null, HttpStatusCode.Forbidden, "Only a reviewer or an admin can approve" },
        { "annotator", ArticleStatus.Submitted, ArticleStatus.ChangesRequested, "x", HttpStatusCode.Forbidden, "Only a reviewer or an admin can approve" },
        { "annotator", ArticleStatus.Approved, ArticleStatus.InProgress, "because", HttpStatusCode.Forbidden, "Only a reviewer or an admin can reopen" },
        { "reviewer", ArticleStatus.Submitted, ArticleStatus.ChangesRequested, null, HttpStatusCode.Conflict, "needs a comment" },
        { "reviewer", ArticleStatus.Submitted, ArticleStatus.ChangesRequested, "   ", HttpStatusCode.Conflict, "needs a comment" },
        { "reviewer", ArticleStatus.Approved, ArticleStatus.InProgress, null, HttpStatusCode.Conflict, "Say why the article is reopened" },
        { "reviewer", ArticleStatus.Draft, ArticleStatus.Approved, null, HttpStatusCode.Conflict, "cannot go from draft to approved" },
        { "admin", ArticleStatus.InProgress, ArticleStatus.Approved, null, HttpStatusCode.Conflict, "cannot go from in progress to approved" },
        { "annotator", ArticleStatus.Approved, ArticleStatus.Submitted, null, HttpStatusCode.Conflict, "cannot go from approved to submitted" },
        { "reviewer", ArticleStatus.Submitted, ArticleStatus.InProgress, null, HttpStatusCode.Conflict, "needs a comment for the annotator" },
        { "admin", ArticleStatus.Submitted, ArticleStatus.InProgress, " ", HttpStatusCode.Conflict, "needs a comment for the annotator" },
        { "annotator", ArticleStatus.Submitted, ArticleStatus.InProgress, null, HttpStatusCode.Conflict, "only the one who submitted it" },
        { "reviewer", ArticleStatus.Submitted, ArticleStatus.Approved, null, HttpStatusCode.Conflict, "Nobody has changed article 2 since it was imported" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ForbiddenTransition_IsRefusedWithItsReason_AndNothingChanges(string user, ArticleStatus from, ArticleStatus to, string? comment, HttpStatusCode expected, string reason)
    {
        var pageId = await FreshPageAsync();
        await factory.ForceStatusAsync(pageId, Article, from);
        var client = await factory.LoginAsync(user);
        var logBefore = await LogCountAsync(pageId);

        var (status, outcome) = await client.ApplyAsync(pageId, new SetStatus(Article, from, to), comment);

        Assert.Equal(expected, status);
        Assert.Contains(reason, outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // Refusals a comment would lift say so, so the browser can ask for one; role and workflow refusals do not.
        var liftedByAComment = !reason.StartsWith("Only", StringComparison.Ordinal) && !reason.Contains("cannot go", StringComparison.Ordinal);
        Assert.Equal(liftedByAComment, outcome.TryGetProperty("needsComment", out var needs) && needs.GetBoolean());
        Assert.Equal(from, await factory.StatusAsync(pageId, Article));
        Assert.Equal(logBefore, await LogCountAsync(pageId));
    }

    [Fact]
    public async Task Reviewer_CannotApproveTheirOwnLastChange_UnlessTheProjectAllowsSelfReview()
    {
        var pageId = await FreshPageAsync();
        var reviewer = await factory.LoginAsync("reviewer");
        var state = (await Workbench.Web.Data.PageStore.LoadAsync(await factory.Services.CreateScopeDbAsync(), pageId))!.Value.State;
        var line = state.FindArticle(Article)!.Blocks[^1].LastLine;
        var text = state.Lines[line].Text;
        var (edited, _) = await reviewer.ApplyAsync(pageId, new EditLine(line, text, text + "。"));
        Assert.Equal(HttpStatusCode.OK, edited);
        await factory.ForceStatusAsync(pageId, Article, ArticleStatus.Submitted);

        var (refused, outcome) = await reviewer.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Submitted, ArticleStatus.Approved));
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Contains("You made the last change to this article", outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var admin = await factory.LoginAsync("admin");
        var (adminApproves, _) = await admin.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Submitted, ArticleStatus.Approved));
        Assert.Equal(HttpStatusCode.OK, adminApproves);

        await factory.ForceStatusAsync(pageId, Article, ArticleStatus.Submitted);
        var projectId = await factory.DemoProjectIdAsync();
        await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.AllowSelfReview, true)));
        try
        {
            var (allowed, _) = await reviewer.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Submitted, ArticleStatus.Approved));
            Assert.Equal(HttpStatusCode.OK, allowed);
        }
        finally
        {
            await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.AllowSelfReview, false)));
        }
    }

    [Fact]
    public async Task TheSubmitter_TakesTheirOwnSubmissionBack_WithoutAComment_NobodyElseDoes()
    {
        await PageClient.CreateMembersAsync(factory, ["second-annotator"], Workbench.Web.Data.ProjectRole.Annotator);
        var pageId = await FreshPageAsync();
        var annotator = await factory.LoginAsync("annotator");
        var other = await factory.LoginAsync("second-annotator");
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Draft, ArticleStatus.Submitted))).Status);

        var (byOther, refusal) = await other.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Submitted, ArticleStatus.InProgress));
        Assert.Equal(HttpStatusCode.Conflict, byOther);
        Assert.True(refusal.GetProperty("needsComment").GetBoolean());

        var (bySubmitter, _) = await annotator.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Submitted, ArticleStatus.InProgress));
        Assert.Equal(HttpStatusCode.OK, bySubmitter);
        Assert.Equal(ArticleStatus.InProgress, await factory.StatusAsync(pageId, Article));
    }

    [Fact]
    public async Task AnEditedArticle_IsApprovedWithoutAComment_AnUntouchedOneNeedsOne()
    {
        var pageId = await FreshPageAsync();
        var annotator = await factory.LoginAsync("annotator");
        var reviewer = await factory.LoginAsync("reviewer");
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        var (untouched, refusal) = await reviewer.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Submitted, ArticleStatus.Approved));
        Assert.Equal(HttpStatusCode.Conflict, untouched);
        Assert.True(refusal.GetProperty("needsComment").GetBoolean());

        var state = (await Workbench.Web.Data.PageStore.LoadAsync(await factory.Services.CreateScopeDbAsync(), pageId))!.Value.State;
        var line = state.FindArticle(Article)!.Blocks[^1].LastLine;
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Submitted, ArticleStatus.InProgress))).Status);
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new EditLine(line, state.Lines[line].Text, state.Lines[line].Text + "。"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.InProgress, ArticleStatus.Submitted))).Status);

        var (edited, _) = await reviewer.ApplyAsync(pageId, new SetStatus(Article, ArticleStatus.Submitted, ArticleStatus.Approved));
        Assert.Equal(HttpStatusCode.OK, edited);
    }

    [Fact]
    public async Task ApprovedArticle_RefusesEdits_OverHttp()
    {
        var pageId = await FreshPageAsync();
        await factory.ForceStatusAsync(pageId, Article, ArticleStatus.Approved);
        var client = await factory.LoginAsync("annotator");
        var state = (await Workbench.Web.Data.PageStore.LoadAsync(await factory.Services.CreateScopeDbAsync(), pageId))!.Value.State;
        var line = state.FindArticle(Article)!.Blocks[0].FirstLine;

        var (status, outcome) = await client.ApplyAsync(pageId, new EditLine(line, state.Lines[line].Text, "改"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("approved", outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonMember_GetsForbiddenFromTheEditEndpoint()
    {
        await factory.CreateOutsiderAsync("stranger");
        var client = await factory.LoginAsync("stranger");
        var pageId = await factory.PageIdAsync("001_");

        var response = await client.PostAsync($"/api/pages/{pageId}/operations", System.Net.Http.Json.JsonContent.Create(new { seenVersion = 0, operation = new { kind = "setStatus", articleKey = 1, expectedStatus = "draft", status = "submitted" } }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<int> LogCountAsync(int pageId) => factory.WithDbAsync(db => db.Operations.CountAsync(o => o.PageId == pageId));

    /// <summary>Each test works on its own copy of a sample page so the tests do not see each other's changes.</summary>
    private async Task<int> FreshPageAsync()
    {
        var projectId = await factory.DemoProjectIdAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<Workbench.Web.Import.PageImporter>();
        var bytes = await File.ReadAllBytesAsync(Repository.SeedPath("002_"));
        var unique = System.Text.Encoding.UTF8.GetBytes($"\n{Guid.NewGuid():N}");
        var outcome = await importer.ImportAsync(projectId, $"copy-{Guid.NewGuid():N}.txt", [.. bytes, .. unique]);
        return outcome.PageId!.Value;
    }
}

