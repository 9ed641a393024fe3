using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Import;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Editor;

/// <summary>
/// What the user typed is never thrown away: a refused edit comes back beside the line's current text after its local
/// echo is taken back; a line changed underneath an open editor offers keep, take and merge by hand; an unsaved edit
/// survives a click elsewhere and leaving the page asks first. Each test works on a page of its own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LineConflictTests(BrowserFixture browser, ITestOutputHelper output)
{
    // Each test imports it under its own name as the headline, so the files differ (an identical file would be skipped).
    private const string PageText = "{0}\n本报讯 第一行正文内容\n第二行正文内容在此\n第三行正文内容在此\n第四行正文内容在此\n";

    // Every text the row of a line shows, in order, from now on (a MutationObserver: no Playwright round trips).
    private const string RecordScript = """
        n => {
          const texts = window.__texts = [];
          const read = () => document.querySelector(`#lines .line[data-n="${n}"] .lt`)?.firstChild?.textContent ?? null;
          new MutationObserver(() => { const t = read(); if (t !== null && t !== texts.at(-1)) texts.push(t); })
            .observe(document.getElementById('lines'), { subtree: true, childList: true, characterData: true });
        }
        """;

    [Fact]
    public async Task RefusedEdit_IsTakenBackAfterItsEcho_AndKeepsTheTypedTextBesideTheCurrentText()
    {
        var (pageId, line, original) = await ImportPageAsync("冲突测试_2024-01-01_p01.txt");
        var page = await OpenAsync("annotator", pageId);
        try
        {
            var mine = original + "（甲）";
            var theirs = original + "（乙）";
            await page.Locator($"#lines .line[data-n='{line}'] .lt").DblClickAsync();
            await page.Locator("input.line-editor").FillAsync(mine);

            // Someone changes the line first, and this page never hears of it (the broadcast is lost).
            await EditBehindTheHubAsync(pageId, line, original, theirs);

            await page.EvaluateAsync(RecordScript, line);
            await page.Locator("input.line-editor").PressAsync("Enter");

            // Refused with its reason; the row is back to what this page knows, and the typed text stands beside the current one.
            await Assertions.Expect(page.Locator(".toast-error")).ToContainTextAsync($"Line {line} changed since you loaded it");
            var box = page.Locator($".line-conflict[data-n='{line}']");
            await Assertions.Expect(box.Locator(".mine .conflict-text")).ToHaveTextAsync(mine);
            await Assertions.Expect(box.Locator(".now .conflict-text")).ToHaveTextAsync(theirs);
            await Assertions.Expect(page.Locator($"#lines .line[data-n='{line}'] .lt")).ToHaveTextAsync(original);
            // The row showed the typed text at once (the echo) before it was taken back.
            var shown = await page.EvaluateAsync<string[]>("() => window.__texts");
            output.WriteLine("row texts: " + string.Join(" → ", shown));
            Assert.Equal([mine, original], shown);
            await browser.ScreenshotAsync(page, "conflict-refused", output);

            // Keep mine: an edit against the current text, which the server accepts.
            await box.Locator("button[data-action='keep']").ClickAsync();
            await Assertions.Expect(page.Locator($"#lines .line[data-n='{line}'] .lt")).ToHaveTextAsync(mine);
            await Assertions.Expect(box).ToHaveCountAsync(0);
            Assert.Equal(mine, await LineTextAsync(pageId, line));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task LineChangedWhileEditing_OffersMergeByHand_TakeTheirs_AndKeepMine()
    {
        var (pageId, line, original) = await ImportPageAsync("冲突测试_2024-01-01_p02.txt");
        var a = await OpenAsync("annotator", pageId);
        var b = await OpenAsync("reviewer", pageId);
        try
        {
            var bEditor = b.Locator("input.line-editor");
            var box = b.Locator($".line-conflict[data-n='{line}']");

            // Merge by hand: B sees A's text beside B's editor, edits on, and saves over A's text.
            await b.Locator($"#lines .line[data-n='{line}'] .lt").DblClickAsync();
            await bEditor.FillAsync(original + "乙");
            await SaveAsync(a, line, original + "甲");
            await Assertions.Expect(bEditor).ToHaveClassAsync(new Regex(@"\bstale\b"));
            await Assertions.Expect(box.Locator(".now .conflict-text")).ToHaveTextAsync(original + "甲");
            await browser.ScreenshotAsync(b, "conflict-while-editing", output);
            await box.Locator("button[data-action='merge']").ClickAsync();
            await Assertions.Expect(box.Locator("button")).ToHaveCountAsync(0);
            await Assertions.Expect(bEditor).Not.ToHaveClassAsync(new Regex(@"\bstale\b"));
            await Assertions.Expect(bEditor).ToHaveValueAsync(original + "乙");
            await bEditor.FillAsync(original + "甲乙");
            await bEditor.PressAsync("Enter");
            await Assertions.Expect(a.Locator($"#lines .line[data-n='{line}'] .lt")).ToHaveTextAsync(original + "甲乙");
            await Assertions.Expect(box).ToHaveCountAsync(0);

            // Take theirs: B's edit goes, the line shows A's text.
            await b.Locator($"#lines .line[data-n='{line}'] .lt").DblClickAsync();
            await bEditor.FillAsync("乙的第二次修改");
            await SaveAsync(a, line, "甲的第二次修改");
            await box.Locator("button[data-action='take']").ClickAsync();
            await Assertions.Expect(bEditor).ToHaveCountAsync(0);
            await Assertions.Expect(box).ToHaveCountAsync(0);
            await Assertions.Expect(b.Locator($"#lines .line[data-n='{line}'] .lt")).ToHaveTextAsync("甲的第二次修改");

            // Keep mine: B's text is saved over A's.
            await b.Locator($"#lines .line[data-n='{line}'] .lt").DblClickAsync();
            await bEditor.FillAsync("乙的第三次修改");
            await SaveAsync(a, line, "甲的第三次修改");
            await box.Locator("button[data-action='keep']").ClickAsync();
            await Assertions.Expect(a.Locator($"#lines .line[data-n='{line}'] .lt")).ToHaveTextAsync("乙的第三次修改");
            Assert.Equal("乙的第三次修改", await LineTextAsync(pageId, line));
        }
        finally
        {
            await a.Context.CloseAsync();
            await b.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task UnsavedEdit_SurvivesClicksOnOtherLines_AndLeavingThePageAsksFirst()
    {
        var (pageId, line, original) = await ImportPageAsync("冲突测试_2024-01-01_p03.txt");
        var page = await OpenAsync("annotator", pageId);
        try
        {
            await UnsavedEditAsync(page, line, original);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task UnsavedEditAsync(IPage page, int line, string original)
    {
        var other = line + 1;
        var draft = original + "（未保存）";
        var editor = page.Locator("input.line-editor");

        // A click on another line selects it; the edit stays open with its text.
        await page.Locator($"#lines .line[data-n='{line}'] .lt").DblClickAsync();
        await editor.FillAsync(draft);
        await page.Locator($"#lines .line[data-n='{other}']").ClickAsync();
        await Assertions.Expect(page.Locator($"#lines .line[data-n='{line}'] input.line-editor")).ToHaveValueAsync(draft);

        // Editing another line parks it as a draft on its line; going back to it brings the text back.
        await page.Locator($"#lines .line[data-n='{other}'] .lt").DblClickAsync();
        await Assertions.Expect(page.Locator($"#lines .line[data-n='{other}'] input.line-editor")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator($"#lines .line[data-n='{line}']")).ToHaveClassAsync(new Regex(@"\bdraft\b"));
        await Assertions.Expect(page.Locator($"#lines .line[data-n='{line}'] .draft-mark")).ToHaveAttributeAsync("title", new Regex(Regex.Escape(draft)));
        await page.Locator($"#lines .line[data-n='{line}'] .lt").DblClickAsync();
        await Assertions.Expect(page.Locator($"#lines .line[data-n='{line}'] input.line-editor")).ToHaveValueAsync(draft);

        // Leaving the page with it asks first (and stays when the user says so).
        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Type);
            await dialog.DismissAsync();
        };
        await page.CloseAsync(new() { RunBeforeUnload = true });
        await WaitForAsync(() => asked.Count > 0);
        Assert.Equal(["beforeunload"], asked);
        Assert.False(page.IsClosed);
        await Assertions.Expect(page.Locator($"#lines .line[data-n='{line}'] input.line-editor")).ToHaveValueAsync(draft);

        // Once it is saved, the page leaves without asking.
        await page.Locator($"#lines .line[data-n='{line}'] input.line-editor").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => !window.editor.textedits.unsaved()");
        Assert.Equal(draft, await page.EvaluateAsync<string>($"() => window.editor.state.lines.find(l => l.n === {line}).text"));
        await page.CloseAsync(new() { RunBeforeUnload = true });
        await WaitForAsync(() => page.IsClosed);
        Assert.Single(asked);
    }

    private static async Task WaitForAsync(Func<bool> condition) => await WaitForAsync(() => Task.FromResult(condition()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(BrowserFixture.DefaultTimeoutMs);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }

    private async Task<IPage> OpenAsync(string user, int pageId)
    {
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, user, BrowserFixture.DemoPassword);
        await page.GotoAsync($"/Editor/{pageId}");
        await Assertions.Expect(page.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
        return page;
    }

    private static async Task SaveAsync(IPage page, int line, string text)
    {
        await page.Locator($"#lines .line[data-n='{line}'] .lt").DblClickAsync();
        var editor = page.Locator($"#lines .line[data-n='{line}'] input.line-editor");
        await editor.FillAsync(text);
        await editor.PressAsync("Enter");
        await Assertions.Expect(page.Locator($"#lines .line[data-n='{line}'] .lt")).ToHaveTextAsync(text);
    }

    /// <summary>A small page of its own in the demo project; returns it with its second line (in an article) and that line's text.</summary>
    private async Task<(int PageId, int Line, string Text)> ImportPageAsync(string name)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var projectId = await db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync();
        var outcome = await scope.ServiceProvider.GetRequiredService<PageImporter>().ImportAsync(projectId, name, Encoding.UTF8.GetBytes(PageText.Replace("{0}", "冲突测试 " + name, StringComparison.Ordinal)));
        var pageId = outcome.PageId ?? throw new InvalidOperationException(outcome.Message);
        var state = (await PageStore.LoadAsync(db, pageId))!.Value.State;
        var line = state.Lines.Values.First(l => l.Number > 1 && state.ArticleOfLine(l.Number) is not null && state.ArticleOfLine(l.Number + 1) is not null);
        return (pageId, line.Number, line.Text);
    }

    private async Task EditBehindTheHubAsync(int pageId, int line, string expected, string text)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var reviewerId = await db.Users.Where(u => u.UserName == "reviewer").Select(u => u.Id).SingleAsync();
        var version = (await PageStore.LoadAsync(db, pageId))!.Value.State.Version;
        var unheard = new PageEditService(db, TimeProvider.System, new SilentHubContext());
        var (outcome, _) = await unheard.ApplyAsync(pageId, reviewerId, "reviewer", ProjectRole.Reviewer, version, new EditLine(line, expected, text));
        Assert.True(outcome.Accepted, outcome.Reason);
    }

    private async Task<string> LineTextAsync(int pageId, int line)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        return (await PageStore.LoadAsync(db, pageId))!.Value.State.Lines[line].Text;
    }
}
