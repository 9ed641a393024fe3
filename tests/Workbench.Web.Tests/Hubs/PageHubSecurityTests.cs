using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Hubs;

public sealed class PageHubSecurityTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task NonMember_CannotJoinOrApply()
    {
        await factory.CreateOutsiderAsync("hub-outsider");
        var pageId = await factory.PageIdAsync("001_");
        var imported = PageClient.ImportedState("001_");
        var (versionBefore, logBefore) = await VersionAndLogAsync(pageId);
        await using var outsider = await PageClient.ConnectAsync(factory, "hub-outsider", pageId, imported);

        var join = await outsider.JoinAsync();
        Assert.False(join.Joined);
        Assert.Equal(ServerMessages.NotMember, join.Reason);
        Assert.Null(join.State);

        var line = imported.Lines.Values.First(l => l.Text.Length > 0);
        var outcome = await outsider.ApplyAsync(new EditLine(line.Number, line.Text, line.Text + "x"), versionBefore);
        Assert.False(outcome.Accepted);
        Assert.Equal(ServerMessages.NotMember, outcome.Reason);
        Assert.Equal((versionBefore, logBefore), await VersionAndLogAsync(pageId));
        var server = await factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
        Assert.Equal(line.Text, server.Lines[line.Number].Text);
    }

    [Fact]
    public async Task AnonymousConnection_IsRefused()
    {
        await using var anonymous = PageClient.BuildConnection(factory, cookie: null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task ApprovedArticle_RefusesEdits_AndOnlyReviewersApprove()
    {
        var pageId = await factory.PageIdAsync("002_");
        var imported = PageClient.ImportedState("002_");
        await using var reviewer = await PageClient.ConnectAsync(factory, "reviewer", pageId, imported);
        await using var annotator = await PageClient.ConnectAsync(factory, "annotator", pageId, imported);
        Assert.True((await reviewer.JoinAsync()).Joined);
        Assert.True((await annotator.JoinAsync()).Joined);
        var articles = reviewer.State.Articles.Where(a => a.Status == ArticleStatus.Draft && PageStates.LinesOf(a).Any(n => imported.Lines[n].Text.Length > 0)).Take(2).ToList();
        Assert.Equal(2, articles.Count);
        var (approved, other) = (articles[0], articles[1]);

        // The annotator submits both; an annotator cannot approve.
        foreach (var article in articles)
        {
            var submitted = await annotator.ApplyAsync(new SetStatus(article.Key, ArticleStatus.Draft, ArticleStatus.Submitted));
            Assert.True(submitted.Accepted, submitted.Reason);
            await reviewer.WaitForVersionAsync(submitted.Version, TimeSpan.FromSeconds(10));
        }

        var (versionBefore, logBefore) = await VersionAndLogAsync(pageId);
        var refused = await annotator.ApplyAsync(new SetStatus(other.Key, ArticleStatus.Submitted, ArticleStatus.Approved));
        Assert.False(refused.Accepted);
        Assert.Equal(ServerMessages.OnlyReviewerDecides, refused.Reason);
        Assert.Equal((versionBefore, logBefore), await VersionAndLogAsync(pageId));

        // A reviewer can (nobody edited it, so the reviewer confirms in a comment that the machine output is right).
        var approval = await reviewer.ApplyWithCommentAsync(new SetStatus(approved.Key, ArticleStatus.Submitted, ArticleStatus.Approved), "Read it: right as it is.");
        Assert.True(approval.Accepted, approval.Reason);
        await annotator.WaitForVersionAsync(approval.Version, TimeSpan.FromSeconds(10));
        Assert.Equal(ArticleStatus.Approved, annotator.State.FindArticle(approved.Key)!.Status);

        // Its lines are now closed to edits, with a reason that says why.
        var line = annotator.State.Lines[PageStates.LinesOf(approved).First(n => imported.Lines[n].Text.Length > 0)];
        var edit = await annotator.ApplyAsync(new EditLine(line.Number, line.Text, line.Text + "改"));
        Assert.False(edit.Accepted);
        Assert.Contains("approved", edit.Reason, StringComparison.OrdinalIgnoreCase);

        // An annotator cannot reopen it either.
        var reopen = await annotator.ApplyAsync(new SetStatus(approved.Key, ArticleStatus.Approved, ArticleStatus.InProgress));
        Assert.False(reopen.Accepted);
        Assert.Equal(ServerMessages.OnlyReviewerReopens, reopen.Reason);
        Assert.Equal((approval.Version, logBefore + 1), await VersionAndLogAsync(pageId));
        var server = await factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
        Assert.Equal(line.Text, server.Lines[line.Number].Text);
    }

    [Fact]
    public async Task StaleEditLine_IsRejectedWithTheCurrentText()
    {
        var pageId = await factory.PageIdAsync("000a_");
        var imported = PageClient.ImportedState("000a_");
        await using var client = await PageClient.ConnectAsync(factory, "annotator", pageId, imported);
        Assert.True((await client.JoinAsync()).Joined);
        var line = client.State.Lines.Values.First(l => l.Text.Length > 3 && client.State.ArticleOfLine(l.Number) is not { Status: ArticleStatus.Approved });

        var outcome = await client.ApplyAsync(new EditLine(line.Number, line.Text + "（旧）", "new text"));

        Assert.False(outcome.Accepted);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
        Assert.Equal(line.Text, outcome.CurrentValue);
        Assert.Equal(client.Version, outcome.Version);
    }

    [Fact]
    public async Task Presence_FollowsJoinFocusAndDisconnect()
    {
        var pageId = await factory.PageIdAsync("000a_");
        var imported = PageClient.ImportedState("000a_");
        await using var a = await PageClient.ConnectAsync(factory, "admin", pageId, imported);
        var joinA = await a.JoinAsync();
        Assert.Contains(joinA.Present, p => p.UserName == "admin");

        var b = await PageClient.ConnectAsync(factory, "annotator", pageId, imported);
        try
        {
            var joinB = await b.JoinAsync();
            Assert.Equal(["admin", "annotator"], joinB.Present.Select(p => p.UserName).Order(StringComparer.Ordinal));
            await Eventually.HoldsAsync(() => Latest(a) is { } p && p.Any(e => e.UserName == "annotator"), "A hears that B joined");

            var article = imported.Articles[0].Key;
            await b.FocusAsync(article);
            await Eventually.HoldsAsync(() => Latest(a)?.SingleOrDefault(e => e.UserName == "annotator")?.ArticleKey == article, "A hears B's focus");
            Assert.Null(Latest(a)!.Single(e => e.UserName == "admin").ArticleKey);
        }
        finally
        {
            await b.DisposeAsync();
        }

        await Eventually.HoldsAsync(() => Latest(a) is { } p && p.All(e => e.UserName != "annotator"), "A hears that B left");
        Assert.Contains(Latest(a)!, e => e.UserName == "admin");
        Assert.All(a.PresenceMessages, m => Assert.Equal(pageId, m.PageId));
    }

    private static IReadOnlyList<PresenceEntry>? Latest(PageClient client) => client.PresenceMessages is { Count: > 0 } m ? m[^1].Present : null;

    private Task<(int Version, int Log)> VersionAndLogAsync(int pageId) => factory.WithDbAsync(async db =>
        (await db.Pages.Where(p => p.Id == pageId).Select(p => p.Version).SingleAsync(), await db.Operations.CountAsync(o => o.PageId == pageId)));
}
