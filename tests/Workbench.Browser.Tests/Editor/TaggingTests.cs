using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Web.Data;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Editor;

/// <summary>Entity tagging in the article cards: selection + hotkey, live for others; suggestions accepted and rejected by keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TaggingTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task SelectAndPressOne_OthersSeeTheEntity_SuggestionsAcceptedAndRejectedByKeyboard()
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

            // Let the page settle first: the reviewer's arrival and the first suggestions both re-render the cards,
            // and a re-render in the middle of a drag would drop the selection.
            await Assertions.Expect(annotator.Locator("#wb-presence .avatar")).ToHaveCountAsync(1);
            await Assertions.Expect(annotator.Locator("#articles .sugg").First).ToBeVisibleAsync();
            await annotator.WaitForLoadStateAsync(LoadState.NetworkIdle);

            // A drags over three characters of a line no entity touches yet, in an editable article.
            using var target = JsonDocument.Parse(await annotator.EvaluateAsync<string>(PickTextScript));
            var line = target.RootElement.GetProperty("line").GetInt32();
            var text = target.RootElement.GetProperty("text").GetString()!;
            output.WriteLine($"selecting {text} on line {line}");
            await annotator.Mouse.MoveAsync(target.RootElement.GetProperty("x1").GetSingle(), target.RootElement.GetProperty("y").GetSingle());
            await annotator.Mouse.DownAsync();
            await annotator.Mouse.MoveAsync(target.RootElement.GetProperty("x2").GetSingle(), target.RootElement.GetProperty("y").GetSingle(), new() { Steps = 4 });
            await annotator.Mouse.UpAsync();
            await Assertions.Expect(annotator.Locator("#wb-label-menu")).ToBeVisibleAsync();
            await Assertions.Expect(annotator.Locator("#wb-label-menu .float-head")).ToContainTextAsync(text);
            await browser.ScreenshotAsync(annotator, "tagging-1-selection-menu", output);

            // 1 is PER: B sees the entity without reloading.
            await annotator.Keyboard.PressAsync("1");
            var entity = reviewer.Locator($"#articles .seg[data-n='{line}'] .pc.ent");
            await Assertions.Expect(entity.First).ToBeVisibleAsync();
            await Assertions.Expect(entity.First).ToHaveAttributeAsync("data-tag", "PER");
            Assert.Equal(text, string.Concat(await entity.AllTextContentsAsync()));
            var perCount = await reviewer.EvaluateAsync<int>($"editor.state.entities.filter(e => e.label === 'PER' && e.text === {JsonSerializer.Serialize(text)} && e.start.line === {line} && e.source === 'manual').length");
            Assert.Equal(1, perCount);
            await Assertions.Expect(annotator.Locator("#wb-label-menu")).ToHaveCountAsync(0);

            // Tab opens the entity's popover; Escape closes it.
            await annotator.Keyboard.PressAsync("Tab");
            await Assertions.Expect(annotator.Locator("#wb-entity-pop")).ToBeVisibleAsync();
            await browser.ScreenshotAsync(annotator, "tagging-2-entity-popover", output);
            await annotator.Keyboard.PressAsync("Escape");
            await Assertions.Expect(annotator.Locator("#wb-entity-pop")).ToHaveCountAsync(0);

            // Suggestions: A focuses the editable article with the most of them and steps to the first with N.
            await annotator.WaitForFunctionAsync("() => editor.tagging.suggestions.all.length > 0");
            var articleKey = await annotator.EvaluateAsync<int>(PickSuggestionArticleScript);
            await annotator.Locator($"#articles .card[data-key='{articleKey}'] .card-head .key").ClickAsync();
            await Assertions.Expect(annotator.Locator($"#articles .card[data-key='{articleKey}'] .sugg-bar")).ToBeVisibleAsync();
            await annotator.Keyboard.PressAsync("n");
            var active = annotator.Locator(".pc.sugg-active").First;
            await Assertions.Expect(active).ToBeVisibleAsync();
            var acceptedKey = await active.GetAttributeAsync("data-sugg") ?? "";
            using var accepted = JsonDocument.Parse(await annotator.EvaluateAsync<string>($"JSON.stringify(editor.tagging.suggestions.find({JsonSerializer.Serialize(acceptedKey)}))"));
            var acceptedLabel = accepted.RootElement.GetProperty("label").GetString();
            var acceptedSource = accepted.RootElement.GetProperty("source").GetString();
            output.WriteLine($"accepting {acceptedKey} ({acceptedSource})");
            await browser.ScreenshotAsync(annotator, "tagging-3-suggestion-active", output);

            // Enter accepts: everyone gets the entity, with the suggestion's source.
            await annotator.Keyboard.PressAsync("Enter");
            var start = accepted.RootElement.GetProperty("start");
            var acceptedScript = $"() => editor.state.entities.some(e => e.label === '{acceptedLabel}' && e.start.line === {start.GetProperty("line").GetInt32()} && e.start.offset === {start.GetProperty("offset").GetInt32()} && e.source === '{acceptedSource}')";
            await reviewer.WaitForFunctionAsync(acceptedScript);
            await annotator.WaitForFunctionAsync(acceptedScript);

            // The next suggestion is active now (N if not); Delete rejects it and it disappears.
            if (await annotator.Locator(".pc.sugg-active").CountAsync() == 0)
            {
                await annotator.Keyboard.PressAsync("n");
            }

            var rejectedKey = await annotator.Locator(".pc.sugg-active").First.GetAttributeAsync("data-sugg") ?? "";
            Assert.NotEqual(acceptedKey, rejectedKey);
            output.WriteLine($"rejecting {rejectedKey}");
            await annotator.Keyboard.PressAsync("Delete");
            await Assertions.Expect(annotator.Locator($".pc[data-sugg='{Css(rejectedKey)}']")).ToHaveCountAsync(0);
            await Assertions.Expect(annotator.Locator(".toast-info").Last).ToContainTextAsync("will not come back");
            await browser.ScreenshotAsync(annotator, "tagging-4-after-accept-reject", output);

            // After a reload the rejected suggestion stays away, and the accepted one is an entity, not a suggestion.
            await annotator.ReloadAsync();
            await Assertions.Expect(annotator.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
            await annotator.WaitForFunctionAsync("() => editor.tagging.suggestions.all.length > 0");
            var keys = await annotator.EvaluateAsync<string[]>("editor.tagging.suggestions.all.map(s => s.rejectionKey)");
            Assert.DoesNotContain(rejectedKey, keys);
            Assert.DoesNotContain(acceptedKey, keys);
            Assert.True(await annotator.EvaluateAsync<bool>(acceptedScript));
            await Assertions.Expect(annotator.Locator($".pc[data-sugg='{Css(rejectedKey)}']")).ToHaveCountAsync(0);
            await browser.ScreenshotAsync(reviewer, "tagging-5-reviewer-view", output);
        }
        finally
        {
            await annotator.Context.CloseAsync();
            await reviewer.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task KeyboardOnly_CaretSelectTagRelabelListDeleteUndo()
    {
        var pageId = await PageIdAsync("002_");
        var page = await browser.NewPageAsync();
        try
        {
            // E puts a caret at the start of the article; Shift+Right twice selects two characters; 3 tags them LOC.
            var card = await SelectFirstTwoCharactersAsync(page, pageId);
            var selected = string.Concat(await card.Locator(".pc.tsel").AllTextContentsAsync());
            Assert.Equal(2, System.Globalization.StringInfo.ParseCombiningCharacters(selected).Length);
            await page.Keyboard.PressAsync("3");
            var locScript = $"() => editor.state.entities.find(e => e.label === 'LOC' && e.text === {JsonSerializer.Serialize(selected)})?.key ?? 0";
            await page.WaitForFunctionAsync(locScript);
            var entityKey = await page.EvaluateAsync<int>(locScript);

            // Tab opens the popover of the article's first entity; 2 relabels it ORG.
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.Locator("#wb-entity-pop")).ToHaveAttributeAsync("data-entity", entityKey.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Keyboard.PressAsync("2");
            await page.WaitForFunctionAsync($"() => editor.state.entities.find(e => e.key === {entityKey})?.label === 'ORG'");
            await page.Keyboard.PressAsync("Escape");

            // The entity list groups it under ORG; choosing it shows and flashes it.
            await card.Locator("details.ents summary").ClickAsync();
            await Assertions.Expect(card.Locator(".ent-group-head").First).ToContainTextAsync("ORG");
            await card.Locator($".ent-item[data-entity='{entityKey}']").ClickAsync();
            await Assertions.Expect(page.Locator("#wb-entity-pop")).ToBeVisibleAsync();
            await Assertions.Expect(card.Locator(".pc.ent-flash").First).ToBeVisibleAsync();
            await browser.ScreenshotAsync(page, "tagging-6-entity-list", output);

            // G tags every other occurrence of its text in the article (one change); Ctrl+Z takes them back out.
            var before = await page.EvaluateAsync<int>("editor.state.entities.length");
            await page.Keyboard.PressAsync("g");
            await Assertions.Expect(page.Locator(".toast-info").Last).ToContainTextAsync("Tagged ");
            await page.WaitForFunctionAsync($"() => editor.state.entities.length > {before}");
            await page.Keyboard.PressAsync("Control+z");
            await page.WaitForFunctionAsync($"() => editor.state.entities.length === {before}");
            await card.Locator($".ent-item[data-entity='{entityKey}']").ClickAsync();
            await Assertions.Expect(page.Locator("#wb-entity-pop")).ToHaveAttributeAsync("data-entity", entityKey.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // Delete removes it; Ctrl+Z brings it back.
            await page.Keyboard.PressAsync("Delete");
            await page.WaitForFunctionAsync($"() => !editor.state.entities.some(e => e.key === {entityKey})");
            await page.Keyboard.PressAsync("Control+z");
            await page.WaitForFunctionAsync($"() => editor.state.entities.some(e => e.key === {entityKey} && e.label === 'ORG')");

            // A nested entity: three characters from the same start as PER; the first two pieces carry both.
            await page.Keyboard.PressAsync("Escape");
            await page.Keyboard.PressAsync("e");
            await page.Keyboard.PressAsync("Home");
            for (var i = 0; i < 3; i++)
            {
                await page.Keyboard.PressAsync("Shift+ArrowRight");
            }

            await page.Keyboard.PressAsync("1");
            await page.WaitForFunctionAsync("() => editor.state.entities.some(e => e.label === 'PER')");
            await Assertions.Expect(card.Locator($".pc[data-entities~='{entityKey}'][data-entities*=' ']").First).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await browser.ScreenshotAsync(page, "tagging-7-nested", output);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static string Css(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    /// <summary>Three CJK characters of an untagged line in an editable article, with screen points to drag between.</summary>
    private const string PickTextScript = """
        () => {
          const s = editor.state;
          const tagged = new Set(s.entities.flatMap(e => { const r = []; for (let n = e.start.line; n <= e.end.line; n++) r.push(n); return r; }));
          for (const a of s.articles.filter(a => a.status !== 'approved')) {
            for (const seg of document.querySelectorAll(`#articles .card[data-key="${a.key}"] .seg`)) {
              const n = Number(seg.dataset.n);
              const line = s.lines.find(l => l.n === n);
              const lead = Number(seg.dataset.lead);
              const text = line.text.slice(lead + 1, lead + 4);
              if (tagged.has(n) || !/^[\u4e00-\u9fff]{3}$/.test(text) || seg.querySelectorAll('.pc').length !== 1) continue;
              const node = seg.querySelector('.pc').firstChild;
              seg.scrollIntoView({ block: 'center' });
              const range = document.createRange();
              range.setStart(node, 1); range.setEnd(node, 2);
              const first = range.getBoundingClientRect();
              range.setStart(node, 3); range.setEnd(node, 4);
              const last = range.getBoundingClientRect();
              if (first.top !== last.top) continue;
              return JSON.stringify({ line: n, text, x1: first.left + 1, x2: last.right - 1, y: (first.top + first.bottom) / 2 });
            }
          }
          throw new Error('no untagged line');
        }
        """;

    /// <summary>The editable article with the most suggestions (at least two).</summary>
    private const string PickSuggestionArticleScript = """
        () => {
          const counts = new Map();
          for (const x of editor.tagging.suggestions.all) counts.set(x.articleKey, (counts.get(x.articleKey) ?? 0) + 1);
          const best = [...counts].filter(([k, c]) => c >= 2 && editor.state.articles.find(a => a.key === k)?.status !== 'approved').sort((a, b) => b[1] - a[1])[0];
          if (!best) throw new Error('no article with two suggestions');
          return best[0];
        }
        """;

    [Fact]
    public async Task HotkeyPressedWhileAClicksRepaintsAreHeld_IsDrawnByItsOwnKeyPress()
    {
        // A page of its own: other tests tag the demo pages.
        int pageId;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var projectId = await db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync();
            var outcome = await scope.ServiceProvider.GetRequiredService<Workbench.Web.Import.PageImporter>()
                .ImportAsync(projectId, "热键_2024-01-01_p01.txt", System.Text.Encoding.UTF8.GetBytes("热键测试标题\n本报讯 内蒙古自治区举行会议。\n"));
            pageId = outcome.PageId!.Value;
        }

        var page = await browser.NewPageAsync();
        try
        {
            var card = await SelectFirstTwoCharactersAsync(page, pageId);

            // A click in a card's text holds card repaints until a moment after the button is up (so the click still finds its
            // element), which can be 10-100 ms behind; a label's hotkey pressed in that moment must not wait for it.
            await page.EvaluateAsync("() => editor.paint.hold()");
            await page.Keyboard.PressAsync("3");

            await Assertions.Expect(card.Locator(".pc.ent")).Not.ToHaveCountAsync(0, new() { Timeout = 3000 });
            await page.WaitForFunctionAsync("() => editor.state.entities.some(e => e.label === 'LOC')");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>As the annotator, opens the page and selects, by keyboard, the first two characters of its first editable article; that article's card.</summary>
    private async Task<ILocator> SelectFirstTwoCharactersAsync(IPage page, int pageId)
    {
        await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
        await page.GotoAsync($"/Editor/{pageId}");
        await Assertions.Expect(page.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
        var key = await page.EvaluateAsync<int>("editor.state.articles.find(a => a.status !== 'approved' && a.blocks.length > 0).key");
        var card = page.Locator($"#articles .card[data-key='{key}']");
        await card.Locator(".card-head .key").ClickAsync();
        await page.Keyboard.PressAsync("e");
        await Assertions.Expect(card.Locator(".caret")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        return card;
    }

    private async Task<int> PageIdAsync(string prefix)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        return await db.Pages.Where(p => p.SourceName.StartsWith(prefix)).Select(p => p.Id).SingleAsync();
    }
}
