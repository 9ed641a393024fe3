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

/// <summary>Two editors on one page, each in their own browser context, seeing each other's changes live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveEditingTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const int CorrectedLine = 2;

    /// <summary>True once the page's texts (every article's joined text and line places) are the server's of the same version.</summary>
    private const string TextsAsTheServerHasThemScript = """
        async pageId => {
          const server = await (await fetch(`/api/pages/${pageId}/state`)).json();
          const mine = window.editor.state;
          const sorted = texts => JSON.stringify([...texts].sort((a, b) => a.key - b.key));
          return server.page.version === mine.page.version && server.texts.length > 0 && sorted(server.texts) === sorted(mine.texts);
        }
        """;

    [Fact]
    public async Task TwoEditors_SeeEachOthersChangesLive_AndAStaleEditIsRejectedWithItsReason()
    {
        var pageId = await PageIdAsync("000a_");
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

            // The reviewer sees the annotator on the page.
            await Assertions.Expect(reviewer.Locator("#wb-presence .avatar[title*='annotator']")).ToBeVisibleAsync();

            // A picks an editable article with several lines and a line in its middle to split at.
            using var target = JsonDocument.Parse(await annotator.EvaluateAsync<string>(PickSplitScript, CorrectedLine));
            var articleKey = target.RootElement.GetProperty("key").GetInt32();
            var atLine = target.RootElement.GetProperty("at").GetInt32();
            var cardsBefore = await reviewer.Locator("#articles .card").CountAsync();

            // Clicking into the article tells the others where A is working.
            await annotator.Locator($"#lines .line[data-n='{atLine}']").ClickAsync();
            await Assertions.Expect(annotator.Locator("#wb-selection")).ToContainTextAsync($"{atLine}");
            await Assertions.Expect(reviewer.Locator($"#articles .card[data-key='{articleKey}'] .card-avatars .avatar[title*='annotator']")).ToBeVisibleAsync();

            // A splits with the keyboard shortcut; B sees the new article without reloading.
            await annotator.Keyboard.PressAsync("s");
            await Assertions.Expect(reviewer.Locator("#articles .card")).ToHaveCountAsync(cardsBefore + 1);
            await Assertions.Expect(reviewer.Locator($"#lines .line[data-n='{atLine}']")).Not.ToHaveAttributeAsync("data-article", articleKey.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(annotator.Locator("#articles .card")).ToHaveCountAsync(cardsBefore + 1);

            // B starts correcting line 2 …
            var original = await reviewer.Locator($"#lines .line[data-n='{CorrectedLine}'] .lt").TextContentAsync() ?? "";
            var corrected = original.TrimEnd() + "学院";
            await reviewer.Locator($"#lines .line[data-n='{CorrectedLine}'] .lt").DblClickAsync();
            var reviewerEditor = reviewer.Locator($"#lines .line[data-n='{CorrectedLine}'] input.line-editor");
            await Assertions.Expect(reviewerEditor).ToBeFocusedAsync();
            await reviewerEditor.FillAsync(original.TrimEnd() + "（乙）");

            // … while A corrects the same line and saves first.
            await annotator.Locator($"#lines .line[data-n='{CorrectedLine}'] .lt").DblClickAsync();
            var annotatorEditor = annotator.Locator($"#lines .line[data-n='{CorrectedLine}'] input.line-editor");
            await Assertions.Expect(annotatorEditor).ToHaveValueAsync(original);
            await annotatorEditor.FillAsync(corrected);
            await annotatorEditor.PressAsync("Enter");
            await Assertions.Expect(annotator.Locator($"#lines .line[data-n='{CorrectedLine}'] .lt")).ToHaveTextAsync(corrected);
            await Assertions.Expect(annotator.Locator($"#lines .line[data-n='{CorrectedLine}']")).ToHaveClassAsync(Word("corrected"));

            // B sees A's correction in the article card while still editing, and the editor warns it is stale.
            await Assertions.Expect(reviewer.Locator($"#articles .seg[data-n='{CorrectedLine}']")).ToHaveTextAsync(corrected);
            await Assertions.Expect(reviewerEditor).ToHaveClassAsync(Word("stale"));
            await Assertions.Expect(reviewerEditor).ToBeFocusedAsync();

            // B saves: the server rejects the stale edit, B is told why and what the line says now.
            await reviewerEditor.PressAsync("Enter");
            var toast = reviewer.Locator(".toast-error");
            await Assertions.Expect(toast).ToContainTextAsync($"Line {CorrectedLine} changed since you loaded it; your edit was not applied.");
            await Assertions.Expect(toast).ToContainTextAsync($"Current text: {corrected}");
            await Assertions.Expect(reviewer.Locator($"#lines .line[data-n='{CorrectedLine}'] .lt")).ToHaveTextAsync(corrected);
            await Assertions.Expect(reviewer.Locator($"#lines .line[data-n='{CorrectedLine}']")).ToHaveClassAsync(Word("corrected"));

            // The reviewer shows the original OCR under corrected lines.
            await reviewer.Locator("#wb-show-original").CheckAsync();
            await Assertions.Expect(reviewer.Locator($"#lines .line[data-n='{CorrectedLine}'] .orig")).ToBeVisibleAsync();
            await Assertions.Expect(reviewer.Locator($"#lines .line[data-n='{CorrectedLine}'] .orig")).ToHaveTextAsync(original);

            await browser.ScreenshotAsync(annotator, "live-annotator", output);
            await browser.ScreenshotAsync(reviewer, "live-reviewer", output);

            // The help overlay and the move picker, for the record.
            await annotator.Locator("#lines").FocusAsync();
            await annotator.Keyboard.PressAsync("?");
            await Assertions.Expect(annotator.Locator("#wb-help-dialog")).ToBeVisibleAsync();
            await Assertions.Expect(annotator.Locator("#wb-help-dialog")).ToContainTextAsync("Ctrl+Z");
            await browser.ScreenshotAsync(annotator, "live-help", output);
            await annotator.Keyboard.PressAsync("Escape");
            await Assertions.Expect(annotator.Locator("#wb-help-dialog")).Not.ToBeVisibleAsync();
            await annotator.Locator($"#lines .line[data-n='{atLine}']").ClickAsync();
            await annotator.Keyboard.PressAsync("Shift+ArrowDown");
            await Assertions.Expect(annotator.Locator("#lines .line.selected")).ToHaveCountAsync(2);
            await annotator.Keyboard.PressAsync("a");
            await Assertions.Expect(annotator.Locator("#wb-picker")).ToBeVisibleAsync();
            await Assertions.Expect(annotator.Locator("#wb-picker .picker-item[data-value='new']")).ToBeVisibleAsync();
            await browser.ScreenshotAsync(annotator, "live-picker", output);
            await annotator.Keyboard.PressAsync("Escape");
            await Assertions.Expect(annotator.Locator("#wb-picker")).ToHaveCountAsync(0);

            // A undoes the correction and redoes it; B follows both.
            await annotator.Locator("#lines").FocusAsync();
            await annotator.Keyboard.PressAsync("Control+z");
            await Assertions.Expect(reviewer.Locator($"#lines .line[data-n='{CorrectedLine}'] .lt")).ToHaveTextAsync(original);
            await annotator.Keyboard.PressAsync("Control+Shift+z");
            await Assertions.Expect(reviewer.Locator($"#lines .line[data-n='{CorrectedLine}'] .lt")).ToHaveTextAsync(corrected);

            // The browser said which was which: the log labels them (the history and the audit show "Undo: …", "Redo: …").
            await using var scope = browser.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var labels = await db.Operations.AsNoTracking().Where(o => o.PageId == pageId).OrderByDescending(o => o.Sequence).Take(3).Select(o => o.Replay).ToListAsync();
            Assert.Equal([OperationReplay.Redo, OperationReplay.Undo, null], labels);

            // A's longer correction of the first line of the part split off (lines follow it in its article) …
            var splitLine = annotator.Locator($"#lines .line[data-n='{atLine}'] .lt");
            var longer = (await splitLine.TextContentAsync() ?? "").TrimEnd() + "𠀀😀";
            await splitLine.DblClickAsync();
            await annotator.Locator($"#lines .line[data-n='{atLine}'] input.line-editor").FillAsync(longer);
            await annotator.Locator($"#lines .line[data-n='{atLine}'] input.line-editor").PressAsync("Enter");
            await Assertions.Expect(reviewer.Locator($"#articles .seg[data-n='{atLine}']")).ToHaveTextAsync(longer);

            // … and the cards' texts, kept from the broadcasts' splices (a split, edits, an undo and a redo), are the server's.
            foreach (var page in new[] { annotator, reviewer })
            {
                await page.WaitForFunctionAsync(TextsAsTheServerHasThemScript, pageId);
            }
        }
        finally
        {
            await annotator.Context.CloseAsync();
            await reviewer.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task ApprovedArticle_HasItsControlsLocked_AndAMissedChangeIsCaughtUp()
    {
        var pageId = await PageIdAsync("001_");
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
        var reviewerId = await db.Users.Where(u => u.UserName == "reviewer").Select(u => u.Id).SingleAsync();
        var state = (await PageStore.LoadAsync(db, pageId))!.Value.State;
        var approved = state.Articles[1];
        var (submit, _) = await edits.ApplyAsync(pageId, reviewerId, "reviewer", ProjectRole.Reviewer, state.Version, new SetStatus(approved.Key, approved.Status, ArticleStatus.Submitted));
        Assert.True(submit.Accepted, submit.Reason);
        var (approve, _) = await edits.ApplyAsync(pageId, reviewerId, "reviewer", ProjectRole.Reviewer, submit.Version, new SetStatus(approved.Key, ArticleStatus.Submitted, ArticleStatus.Approved), "Read against the scan: right as imported.");
        Assert.True(approve.Accepted, approve.Reason);

        var editable = state.Articles[0];
        var lines = state.Lines.Values
            .Where(l => l.Text.Trim().Length > 0 && editable.Blocks.Any(b => l.Number >= b.FirstLine && l.Number <= b.LastLine))
            .Take(2)
            .ToList();
        var approvedLine = approved.Blocks[0].FirstLine;

        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
            await page.GotoAsync($"/Editor/{pageId}");
            await Assertions.Expect(page.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");

            // The approved article's controls are disabled and say why.
            var card = page.Locator($"#articles .card[data-key='{approved.Key}']");
            await Assertions.Expect(card).ToHaveClassAsync(Word("approved"));
            await Assertions.Expect(card.Locator("select.role-select").First).ToBeDisabledAsync();
            await Assertions.Expect(card.Locator("h2.title")).ToHaveAttributeAsync("title", new Regex("is approved"));
            await page.Locator($"#lines .line[data-n='{approvedLine}']").ClickAsync();
            await Assertions.Expect(page.Locator("#wb-split")).ToBeDisabledAsync();
            await Assertions.Expect(page.Locator("#wb-move")).ToBeDisabledAsync();
            await Assertions.Expect(page.Locator("#wb-undo")).ToBeDisabledAsync();
            await Assertions.Expect(page.Locator("#wb-redo")).ToBeDisabledAsync();
            await Assertions.Expect(page.Locator("#wb-split")).ToHaveAttributeAsync("title", new Regex($"Article #{approved.Key} is approved"));
            await page.Locator($"#lines .line[data-n='{approvedLine}'] .lt").DblClickAsync();
            await Assertions.Expect(page.Locator("input.line-editor")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("is approved");
            await browser.ScreenshotAsync(page, "live-approved", output);

            // A change written behind the hub's back leaves a gap in sequence numbers; the next live change reveals
            // it and the page fetches the whole state.
            var missed = lines[0];
            var missedText = missed.Text + "（补）";
            var unheard = new PageEditService(db, TimeProvider.System, new SilentHubContext());
            var (behind, _) = await unheard.ApplyAsync(pageId, reviewerId, "reviewer", ProjectRole.Reviewer, approve.Version, new EditLine(missed.Number, missed.Text, missedText));
            Assert.True(behind.Accepted, behind.Reason);

            var live = lines[1];
            await page.Locator($"#lines .line[data-n='{live.Number}'] .lt").DblClickAsync();
            var editor = page.Locator($"#lines .line[data-n='{live.Number}'] input.line-editor");
            await editor.FillAsync(live.Text + "。");
            await editor.PressAsync("Enter");
            // (.lt may end with a role tag such as "byline", hence "contain".)
            await Assertions.Expect(page.Locator($"#lines .line[data-n='{live.Number}'] .lt")).ToContainTextAsync(live.Text + "。");
            await Assertions.Expect(page.Locator($"#lines .line[data-n='{missed.Number}'] .lt")).ToContainTextAsync(missedText);
            Assert.Equal(behind.Version + 1, await page.EvaluateAsync<int>("() => window.editor.state.page.version"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    // An article that is not approved, does not hold the line to correct, and has at least four lines; the split
    // goes at a line in its middle. Returns JSON because Playwright's .NET binding maps objects awkwardly.
    private const string PickSplitScript = """
        avoid => {
          const state = window.editor.state;
          for (const article of state.articles) {
            if (article.status === 'approved') continue;
            const lines = article.blocks.flatMap(b => Array.from({ length: b.lastLine - b.firstLine + 1 }, (_, i) => b.firstLine + i));
            if (lines.length < 4 || lines.includes(avoid)) continue;
            const text = new Map(state.lines.map(l => [l.n, l.text]));
            const at = lines.slice(2).find(n => (text.get(n) ?? '').trim().length > 0);
            if (at != null) return JSON.stringify({ key: article.key, at });
          }
          throw new Error('no article to split');
        }
        """;

    private static Regex Word(string word) => new($"\\b{word}\\b");

    private async Task<int> PageIdAsync(string prefix)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        return await db.Pages.Where(p => p.SourceName.StartsWith(prefix)).Select(p => p.Id).SingleAsync();
    }
}
