using System.Net;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

/// <summary>
/// Every step of a batch goes through the same rules as alone, and the undo helpers restore only what the same user's
/// operation removed (issue 17, M2 and M3).
/// </summary>
public sealed class BatchPolicyTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task Annotator_CannotRestoreAnArticleAsChangesRequestedAndAssigned_ThroughARemoveRestoreBatch()
    {
        var pageId = await factory.FreshPageAsync();
        var state = await StoredAsync(pageId);
        var annotatorId = await factory.UserIdAsync("annotator");
        var article = state.Articles[1];
        Assert.Equal(ArticleStatus.Draft, article.Status);
        var annotator = await factory.LoginAsync("annotator");

        var forged = article with { Status = ArticleStatus.ChangesRequested, AssigneeId = annotatorId };
        var (status, outcome) = await annotator.ApplyAsync(pageId, new Batch([new RemoveArticle(article.Key), new RestoreArticle(1, forged)]));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains($"Article {article.Key} can only be brought back by undoing the change that removed it", outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Draft, await factory.StatusAsync(pageId, article.Key));
        Assert.Equal(0, await LogCountAsync(pageId));
    }

    [Fact]
    public async Task UndoOfAMerge_RestoresTheArticle_ForItsAuthorOnly()
    {
        var pageId = await factory.FreshPageAsync();
        var state = await StoredAsync(pageId);
        var (into, merged) = (state.Articles[0], state.Articles[1]);
        var annotator = await factory.LoginAsync("annotator");
        var reviewer = await factory.LoginAsync("reviewer");

        var (status, outcome) = await annotator.ApplyAsync(pageId, new MergeArticles(merged.Key, into.Key));
        Assert.Equal(HttpStatusCode.OK, status);
        var inverse = PageOperationJson.TryDeserialize(outcome.GetProperty("inverse").GetRawText())!;

        // Someone else sending the same undo is refused: it was not their change.
        var (refused, _) = await reviewer.ApplyAsync(pageId, inverse);
        Assert.Equal(HttpStatusCode.Forbidden, refused);

        // The author's undo brings the article back as it was.
        var (undone, undoOutcome) = await annotator.ApplyAsync(pageId, inverse);
        Assert.True(undone == HttpStatusCode.OK, undoOutcome.ToString());
        Assert.True(PageStates.AreEquivalent(state, await StoredAsync(pageId), includeVersionAndCounters: false));

        // Once restored, the same undo cannot run twice.
        var (again, _) = await annotator.ApplyAsync(pageId, inverse);
        Assert.NotEqual(HttpStatusCode.OK, again);
    }

    [Fact]
    public async Task Reviewer_CannotApproveTheirOwnEdit_ByPuttingBothInOneBatch()
    {
        var pageId = await factory.FreshPageAsync();
        var state = await StoredAsync(pageId);
        var article = state.Articles.First(a => PageStates.LinesOf(a).Any(n => state.Lines[n].Text.Trim().Length > 0));
        var line = PageStates.LinesOf(article).First(n => state.Lines[n].Text.Trim().Length > 0);
        var annotator = await factory.LoginAsync("annotator");
        var reviewer = await factory.LoginAsync("reviewer");
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(article.Key, ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        var logBefore = await LogCountAsync(pageId);

        var (status, outcome) = await reviewer.ApplyAsync(pageId, new Batch([
            new EditLine(line, state.Lines[line].Text, state.Lines[line].Text + "。"),
            new SetStatus(article.Key, ArticleStatus.Submitted, ArticleStatus.Approved),
        ]));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("You made the last change to this article", outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Submitted, await factory.StatusAsync(pageId, article.Key));
        Assert.Equal(logBefore, await LogCountAsync(pageId));
    }

    [Fact]
    public async Task AnEditInsideATwoArticleBatch_CountsAsTheReviewersLastChange()
    {
        var pageId = await factory.FreshPageAsync();
        var state = await StoredAsync(pageId);
        var articles = state.Articles.Where(a => PageStates.LinesOf(a).Any(n => state.Lines[n].Text.Trim().Length > 0)).Take(2).ToList();
        var lines = articles.Select(a => PageStates.LinesOf(a).First(n => state.Lines[n].Text.Trim().Length > 0)).ToList();
        var annotator = await factory.LoginAsync("annotator");
        var reviewer = await factory.LoginAsync("reviewer");
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(articles[0].Key, ArticleStatus.Draft, ArticleStatus.Submitted))).Status);

        // One operation changing two articles is logged without an article of its own ...
        var (edited, _) = await reviewer.ApplyAsync(pageId, new Batch([.. lines.Select(n => (PageOperation)new EditLine(n, state.Lines[n].Text, state.Lines[n].Text + "。"))]));
        Assert.Equal(HttpStatusCode.OK, edited);
        Assert.Null(await factory.WithDbAsync(db => db.Operations.Where(o => o.PageId == pageId && o.Kind == "batch").Select(o => o.ArticleKey).SingleAsync()));

        // ... and still makes the reviewer the article's last editor.
        var (status, outcome) = await reviewer.ApplyAsync(pageId, new SetStatus(articles[0].Key, ArticleStatus.Submitted, ArticleStatus.Approved));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("You made the last change to this article", outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var admin = await factory.LoginAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.ApplyAsync(pageId, new SetStatus(articles[0].Key, ArticleStatus.Submitted, ArticleStatus.Approved))).Status);
    }

    [Fact]
    public async Task EveryStepOfABatch_PassesTheRolesAndTransitions()
    {
        var pageId = await factory.FreshPageAsync();
        var state = await StoredAsync(pageId);
        var key = state.Articles[0].Key;
        var annotator = await factory.LoginAsync("annotator");

        // An annotator's batch that submits and approves: the second step is a reviewer's decision.
        var (status, outcome) = await annotator.ApplyAsync(pageId, new Batch([
            new SetStatus(key, ArticleStatus.Draft, ArticleStatus.Submitted),
            new SetStatus(key, ArticleStatus.Submitted, ArticleStatus.Approved),
        ]));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Only a reviewer or an admin can approve", outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Assigning inside a batch is a reviewer's too; a jump past the workflow is refused by Core's table.
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.ApplyAsync(pageId, new Batch([new SetTitle(key, state.Articles[0].Title, "x"), new Assign(key, "someone")]))).Status);
        var reviewer = await factory.LoginAsync("reviewer");
        var (jump, jumpOutcome) = await reviewer.ApplyAsync(pageId, new Batch([new SetStatus(key, ArticleStatus.Draft, ArticleStatus.Approved)]));
        Assert.Equal(HttpStatusCode.Conflict, jump);
        Assert.Contains("cannot go from draft to approved", jumpOutcome.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await LogCountAsync(pageId));
    }

    private Task<int> LogCountAsync(int pageId) => factory.WithDbAsync(db => db.Operations.CountAsync(o => o.PageId == pageId));

    private Task<PageState> StoredAsync(int pageId) =>
        factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
}
