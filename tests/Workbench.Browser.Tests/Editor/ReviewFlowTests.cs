using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Editor;

/// <summary>
/// The review flow in two browsers on one page: the annotator submits, the reviewer requests changes with a comment,
/// the annotator sees both live, corrects a line and resubmits, the reviewer approves, and the approved article
/// refuses further edits.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    // The last draft article of the page with a non-blank line, and that line.
    private const string PickDraftScript = """
        () => {
          const s = window.editor.state;
          const lines = new Map(s.lines.map(l => [l.n, l]));
          for (const a of [...s.articles].reverse()) {
            if (a.status !== 'draft') continue;
            for (const b of a.blocks) {
              for (let n = b.firstLine; n <= b.lastLine; n++) {
                const line = lines.get(n);
                if (line && line.text.trim().length > 1) return JSON.stringify({ key: a.key, line: n });
              }
            }
          }
          return JSON.stringify(null);
        }
        """;

    [Fact]
    public async Task SubmitRequestChangesFixResubmitApprove_LiveForBoth_ThenTheApprovedArticleRefusesEdits()
    {
        var pageId = await PageIdAsync("002_");
        var annotator = await browser.NewPageAsync();
        var reviewer = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(annotator, "annotator", BrowserFixture.DemoPassword);
            await browser.LoginAsync(reviewer, "reviewer", BrowserFixture.DemoPassword);
            await annotator.GotoAsync($"/Editor/{pageId}");
            await reviewer.GotoAsync($"/Editor/{pageId}");
            await Assertions.Expect(annotator.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
            await Assertions.Expect(reviewer.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");

            using var target = JsonDocument.Parse(await annotator.EvaluateAsync<string>(PickDraftScript));
            Assert.Equal(JsonValueKind.Object, target.RootElement.ValueKind);
            var key = target.RootElement.GetProperty("key").GetInt32().ToString(CultureInfo.InvariantCulture);
            var lineNumber = target.RootElement.GetProperty("line").GetInt32().ToString(CultureInfo.InvariantCulture);
            var aCard = annotator.Locator($"#articles .card[data-key='{key}']");
            var rCard = reviewer.Locator($"#articles .card[data-key='{key}']");

            // A draft offers the annotator Start and Submit, and no reviewer decisions.
            await Assertions.Expect(aCard.Locator(".review-bar button[data-action='start']")).ToBeVisibleAsync();
            await Assertions.Expect(aCard.Locator(".review-bar button[data-action='approve']")).ToHaveCountAsync(0);

            // The annotator submits; the reviewer sees the status and the reviewer's actions live.
            await aCard.Locator(".review-bar button[data-action='submit']").ClickAsync();
            await Assertions.Expect(aCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-submitted"));
            await Assertions.Expect(aCard.Locator(".review-bar button[data-action='withdraw']")).ToBeVisibleAsync();
            await Assertions.Expect(aCard.Locator(".review-bar button[data-action='approve']")).ToHaveCountAsync(0);
            await Assertions.Expect(rCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-submitted"));
            await Assertions.Expect(rCard.Locator(".review-bar button[data-action='approve']")).ToBeVisibleAsync();

            // The reviewer requests changes: the comment is required.
            await rCard.Locator(".review-bar button[data-action='requestChanges']").ClickAsync();
            var composer = rCard.Locator("textarea.review-comment");
            await Assertions.Expect(composer).ToBeFocusedAsync();
            await rCard.Locator(".review-send").ClickAsync();
            await Assertions.Expect(rCard.Locator(".review-error")).ToContainTextAsync("needs one");
            await Assertions.Expect(rCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-submitted"));
            const string request = "第一行的人名拼错了，请改正。";
            await composer.FillAsync(request);
            await rCard.Locator(".review-send").ClickAsync();
            await Assertions.Expect(rCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-changesrequested"));
            await Assertions.Expect(rCard.Locator("textarea.review-comment")).ToHaveCountAsync(0);

            // The annotator sees the status and the comment live, marked as a review decision; the thread opened itself.
            await Assertions.Expect(aCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-changesrequested"));
            // … and a toast that stays until dismissed says their article was sent back (issue 17 item 7).
            var sentBack = annotator.Locator(".toast[data-news='changesRequested']");
            await Assertions.Expect(sentBack).ToContainTextAsync($"Article {key} was sent back");
            // The undo button names what it would undo: the annotator's submission (issue 17 item 8).
            await Assertions.Expect(annotator.Locator("#wb-undo")).ToHaveAttributeAsync("aria-label", $"Undo: change the status of article {key}");
            var decision = aCard.Locator(".comment-list .comment.decision");
            await Assertions.Expect(decision).ToHaveCountAsync(1);
            await Assertions.Expect(decision.Locator(".comment-text")).ToHaveTextAsync(request);
            await Assertions.Expect(decision.Locator(".comment-author")).ToContainTextAsync("reviewer");
            await Assertions.Expect(decision.Locator(".comment-decision")).ToBeVisibleAsync();
            await Assertions.Expect(aCard.Locator(".comments-toggle .comment-count")).ToHaveTextAsync("1");
            await browser.ScreenshotAsync(annotator, "review-changes-requested", output);

            // The annotator answers in the thread; the reviewer sees the reply live.
            await aCard.Locator("textarea.comment-input").FillAsync("好的，已改。");
            await aCard.Locator(".comment-send").ClickAsync();
            await Assertions.Expect(aCard.Locator(".comment-list .comment")).ToHaveCountAsync(2);
            await Assertions.Expect(rCard.Locator(".comments-toggle .comment-count")).ToHaveTextAsync("2");
            // (The reviewer's thread opened with the decision, so the reply shows without a click.)
            await Assertions.Expect(rCard.Locator(".comments-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
            await Assertions.Expect(rCard.Locator(".comment-list .comment").Last.Locator(".comment-text")).ToHaveTextAsync("好的，已改。");

            // Opened again, the page shows each card's count without a thread being opened: every thread in one request,
            // asked for once the page is live.
            var commentRequests = new List<string>();
            reviewer.Request += (_, request) => { if (request.Url.Contains("/comments", StringComparison.Ordinal)) commentRequests.Add(new Uri(request.Url).AbsolutePath); };
            await reviewer.ReloadAsync();
            await Assertions.Expect(reviewer.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
            await Assertions.Expect(rCard.Locator(".comments-toggle .comment-count")).ToHaveTextAsync("2");
            await Assertions.Expect(rCard.Locator(".comments-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
            await Assertions.Expect(reviewer.Locator("#articles .card").Last.Locator(".comments-toggle .comment-count")).ToHaveTextAsync(new Regex(@"^\d+$"));
            Assert.Equal([$"/api/pages/{pageId}/comments"], commentRequests);

            // The annotator corrects a line of the article and resubmits.
            var lineText = annotator.Locator($"#lines .line[data-n='{lineNumber}'] .lt");
            await lineText.DblClickAsync();
            var editor = annotator.Locator($"#lines .line[data-n='{lineNumber}'] input.line-editor");
            await Assertions.Expect(editor).ToBeFocusedAsync();
            var corrected = (await editor.InputValueAsync()).TrimEnd() + "（改）";
            await editor.FillAsync(corrected);
            await editor.PressAsync("Enter");
            await Assertions.Expect(annotator.Locator($"#lines .line[data-n='{lineNumber}']")).ToHaveClassAsync(Word("corrected"));
            await Assertions.Expect(annotator.Locator($"#lines .line[data-n='{lineNumber}'] .lt")).ToContainTextAsync(corrected);
            await Assertions.Expect(reviewer.Locator($"#articles .seg[data-n='{lineNumber}']")).ToHaveTextAsync(corrected);
            // Undo and redo name the change in their tooltip and accessible name; undoing and redoing the edit swaps them.
            var undo = annotator.Locator("#wb-undo");
            var redo = annotator.Locator("#wb-redo");
            await Assertions.Expect(undo).ToHaveAttributeAsync("aria-label", $"Undo: edit line {lineNumber}");
            await Assertions.Expect(undo).ToHaveAttributeAsync("title", new Regex($"^Undo: edit line {lineNumber} \\(Ctrl\\+Z\\)"));
            await undo.ClickAsync();
            await Assertions.Expect(annotator.Locator($"#lines .line[data-n='{lineNumber}'] .lt")).Not.ToContainTextAsync("（改）");
            await Assertions.Expect(redo).ToHaveAttributeAsync("aria-label", $"Redo: edit line {lineNumber}");
            await Assertions.Expect(redo).ToHaveAttributeAsync("title", new Regex($"^Redo: edit line {lineNumber} "));
            await redo.ClickAsync();
            await Assertions.Expect(annotator.Locator($"#lines .line[data-n='{lineNumber}'] .lt")).ToContainTextAsync(corrected);
            await Assertions.Expect(undo).ToHaveAttributeAsync("aria-label", $"Undo: edit line {lineNumber}");
            await Assertions.Expect(redo).Not.ToHaveAttributeAsync("aria-label", new Regex("."));
            await aCard.Locator(".review-bar button[data-action='submit']").ClickAsync();
            await Assertions.Expect(aCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-submitted"));

            // The reviewer approves; both see it.
            await Assertions.Expect(rCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-submitted"));
            await rCard.Locator(".review-bar button[data-action='approve']").ClickAsync();
            await Assertions.Expect(rCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-approved"));
            await Assertions.Expect(rCard.Locator(".review-bar button[data-action='reopen']")).ToBeVisibleAsync();
            await Assertions.Expect(aCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-approved"));
            await Assertions.Expect(aCard.Locator(".review-bar button")).ToHaveCountAsync(0);
            await Assertions.Expect(annotator.Locator(".toast[data-news='approved']")).ToContainTextAsync($"Article {key} was approved");
            // The reviewer made the decisions: no news toast on their side.
            await Assertions.Expect(reviewer.Locator(".toast[data-news]")).ToHaveCountAsync(0);

            // The annotator's attempt to edit a line of the approved article is refused, and says why.
            await annotator.Locator($"#lines .line[data-n='{lineNumber}'] .lt").DblClickAsync();
            await Assertions.Expect(annotator.Locator(".toast").Last).ToContainTextAsync("approved");
            await Assertions.Expect(annotator.Locator($"#lines .line[data-n='{lineNumber}'] input.line-editor")).ToHaveCountAsync(0);
            await browser.ScreenshotAsync(annotator, "review-approved-edit-refused", output);

            await using var scope = browser.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var articleKey = int.Parse(key, CultureInfo.InvariantCulture);
            var comments = await db.Comments.Where(c => c.PageId == pageId && c.ArticleKey == articleKey).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(2, comments.Count);
            Assert.NotNull(comments[0].Sequence);
            Assert.Null(comments[1].Sequence);
        }
        finally
        {
            await annotator.Context.CloseAsync();
            await reviewer.Context.CloseAsync();
        }
    }

    private static Regex Word(string word) => new($"(^|\\s){Regex.Escape(word)}(\\s|$)");

    [Fact]
    public async Task QueueSendBack_FormHiddenUntilAsked_EmptyCommentRefused_CommentReachesTheAnnotatorLive()
    {
        // Issue 17 item 1: the request form was always visible (a class's display beat [hidden]) and sent nothing.
        var pageId = await PageIdAsync("001_");
        int projectId, key;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
            var annotatorId = await db.Users.Where(u => u.UserName == "annotator").Select(u => u.Id).SingleAsync();
            projectId = await db.Pages.Where(p => p.Id == pageId).Select(p => p.ProjectId).SingleAsync();
            var state = (await PageStore.LoadAsync(db, pageId))!.Value.State;
            var article = state.Articles.Last(a => a.Status == ArticleStatus.Draft);
            key = article.Key;
            var (submit, _) = await edits.ApplyAsync(pageId, annotatorId, "annotator", ProjectRole.Annotator, state.Version, new SetStatus(key, article.Status, ArticleStatus.Submitted));
            Assert.True(submit.Accepted, submit.Reason);
        }

        var annotator = await browser.NewPageAsync();
        var reviewer = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(annotator, "annotator", BrowserFixture.DemoPassword);
            await browser.LoginAsync(reviewer, "reviewer", BrowserFixture.DemoPassword);
            await annotator.GotoAsync($"/Editor/{pageId}");
            await Assertions.Expect(annotator.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
            await reviewer.GotoAsync($"/Projects/{projectId}/Review");
            var form = reviewer.Locator("#request-form");
            await Assertions.Expect(form).ToBeHiddenAsync();

            var row = reviewer.Locator($"#queue tr[data-page='{pageId}'][data-article='{key}']");
            await row.Locator("button[data-action='request']").ClickAsync();
            await Assertions.Expect(form).ToBeVisibleAsync();
            await form.Locator("button[type='submit']").ClickAsync();
            await Assertions.Expect(reviewer.Locator("#queue-message")).ToHaveClassAsync(new Regex("error"));
            await Assertions.Expect(form).ToBeVisibleAsync();

            const string comment = "第二段的日期请对照原图核对。";
            await reviewer.Locator("#request-comment").FillAsync(comment);
            await row.Locator("button[data-action='request']").ClickAsync(); // choosing the row again keeps what was typed
            await Assertions.Expect(reviewer.Locator("#request-comment")).ToHaveValueAsync(comment);
            await form.Locator("button[type='submit']").ClickAsync();
            await Assertions.Expect(reviewer.Locator("#queue-message")).ToHaveClassAsync(new Regex("ok"));
            await Assertions.Expect(form).ToBeHiddenAsync();
            await Assertions.Expect(row).ToBeHiddenAsync();

            await annotator.WaitForFunctionAsync($"() => window.editor.state.articles.find(a => a.key === {key})?.status === 'changesRequested'");
            await Assertions.Expect(annotator.Locator($"#articles .card[data-key='{key}']")).ToContainTextAsync(comment);
        }
        finally
        {
            await annotator.Context.CloseAsync();
            await reviewer.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task QueueIsLive_AnAnnotatorsSubmissionAppears_AndAnApprovalElsewhereRemovesIt_WithoutReload()
    {
        // Issue 17 item 7: the review queue page was not live.
        var pageId = await PageIdAsync("001_");
        int projectId;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            projectId = await db.Pages.Where(p => p.Id == pageId).Select(p => p.ProjectId).SingleAsync();
        }

        var annotator = await browser.NewPageAsync();
        var reviewer = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(annotator, "annotator", BrowserFixture.DemoPassword);
            await browser.LoginAsync(reviewer, "reviewer", BrowserFixture.DemoPassword);

            // The reviewer's queue is open (and joined live) before anything is submitted.
            await reviewer.GotoAsync($"/Projects/{projectId}/Review");
            await Assertions.Expect(reviewer.Locator("#queue-live")).ToHaveAttributeAsync("data-live", "on");
            await reviewer.EvaluateAsync("() => { window.sameDocument = true; }");
            var totalBefore = int.Parse(await reviewer.Locator("#queue-total").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.CurrentCulture);

            // The annotator submits an article from the editor, in another browser context.
            await annotator.GotoAsync($"/Editor/{pageId}");
            await Assertions.Expect(annotator.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
            // The second-to-last draft: other tests on this shared page edit its first articles and submit its last draft.
            var key = await annotator.EvaluateAsync<int>("() => { const d = window.editor.state.articles.filter(a => a.status === 'draft'); return d[d.length - 2].key; }");
            var aCard = annotator.Locator($"#articles .card[data-key='{key}']");
            await aCard.Locator(".review-bar button[data-action='submit']").ClickAsync();
            await Assertions.Expect(aCard.Locator(".card-head .status")).ToHaveClassAsync(Word("status-submitted"));

            // The row appears in the open queue, with the count, without a reload.
            var row = reviewer.Locator($"#queue tr[data-page='{pageId}'][data-article='{key}']");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(reviewer.Locator("#queue-total")).ToHaveTextAsync((totalBefore + 1).ToString("N0", CultureInfo.CurrentCulture));
            Assert.True(await reviewer.EvaluateAsync<bool>("() => window.sameDocument === true"));

            // An admin approves it elsewhere (not on this page): the row leaves the reviewer's queue.
            await using (var scope = browser.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
                var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
                var adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
                var state = (await PageStore.LoadAsync(db, pageId))!.Value.State;
                var (approve, _) = await edits.ApplyAsync(pageId, adminId, "admin", ProjectRole.Admin, state.Version, new SetStatus(key, ArticleStatus.Submitted, ArticleStatus.Approved), "读过，无误。");
                Assert.True(approve.Accepted, approve.Reason);
            }

            await Assertions.Expect(row).ToHaveCountAsync(0);
            await Assertions.Expect(reviewer.Locator("#queue-total")).ToHaveTextAsync(totalBefore.ToString("N0", CultureInfo.CurrentCulture));
            Assert.True(await reviewer.EvaluateAsync<bool>("() => window.sameDocument === true"));
        }
        finally
        {
            await annotator.Context.CloseAsync();
            await reviewer.Context.CloseAsync();
        }
    }

    private async Task<int> PageIdAsync(string prefix)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        return await db.Pages.Where(p => p.SourceName.StartsWith(prefix)).Select(p => p.Id).SingleAsync();
    }
}
