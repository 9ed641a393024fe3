using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Localization;

/// <summary>
/// Issue 10: after the header switch to 中文, the editor, the review queue and the export page show no English
/// UI text (visible text and the title/aria-label/placeholder of visible elements); switching back shows English,
/// and each switch keeps the user on the same URL.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ChineseUiTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string User = "zhcheck";

    /// <summary>ASCII words that may appear in the Chinese UI: product, label keys, formats, keyboard keys, roles' user names.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "Workbench", "English",
        "PER", "ORG", "LOC", "DATE", "OCR", "UTC",
        "JSONL", "JSON", "CoNLL", "BIO", "IOB", "ALTO", "PAGE", "XML", "hOCR", "METS", "Label", "Studio", "ZIP", "CSV", "TSV", "NER",
        "Ctrl", "Shift", "Enter", "Tab", "Esc", "Delete", "Alt",
        "admin", "reviewer", "annotator",
        "txt", "md", "xml", "html", "hocr", "jpg", "png", "jsonl", "zip",
    };

    /// <summary>
    /// Whole identifiers that stay as they are in every language: export/import format ids (as in the CLI's --format),
    /// file names, standards, and literal values a user types or finds in the exported files ("none" as a split,
    /// the entity source "imported"). Removed before the text is split into words.
    /// </summary>
    private static readonly string[] Identifiers =
    [
        "ner-jsonl", "label-studio", "ocr-pairs", "segmentation", "conll", "doccano", "cluener", "CLUENER",
        "manifest.json", "SHA-256", "Unicode", "none", "imported", "Prodigy/spaCy", "BIOES", "BMES",
    ];

    // Visible text nodes and the title/aria-label/placeholder/alt/value of visible elements, each with a short description of its element.
    private const string CollectScript = """
        () => {
          const describe = el => {
            const parts = [];
            for (let n = el; n && n !== document.body && parts.length < 3; n = n.parentElement) {
              parts.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (typeof n.className === 'string' && n.className.trim() ? '.' + n.className.trim().split(/\s+/).join('.') : ''));
            }
            return parts.join(' > ');
          };
          const visible = el => el.checkVisibility ? el.checkVisibility({ checkVisibilityCSS: true }) : el.getClientRects().length > 0;
          const out = [{ where: 'document.title', text: document.title }];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent || parent.closest('script, style, template, noscript') || !node.textContent.trim()) continue;
            if (parent.tagName === 'OPTION' ? !visible(parent.closest('select') ?? parent) : !visible(parent)) continue;
            out.push({ where: describe(parent), text: node.textContent });
          }
          for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt], input[type=submit], input[type=button]')) {
            if (!visible(el)) continue;
            for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
              const value = el.getAttribute(attr);
              if (value) out.push({ where: describe(el) + '@' + attr, text: value });
            }
            if (el.matches('input[type=submit], input[type=button]') && el.value) out.push({ where: describe(el) + '@value', text: el.value });
          }
          // The page's innerText as a whole too, in case a text node escaped the walk.
          out.push({ where: 'body.innerText', text: document.body.innerText });
          return out;
        }
        """;

    [Fact]
    public async Task SwitchToChinese_WorkbenchQueueAndExport_ShowNoEnglish_AndSwitchingBackShowsEnglishOnTheSameUrl()
    {
        var (projectId, pageId) = await PrepareAsync();
        var dataWords = await DataWordsAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, User, BrowserFixture.DemoPassword);
            var workbench = $"{browser.BaseUrl}/Editor/{pageId}";
            await page.GotoAsync(workbench);
            await Assertions.Expect(page.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

            await SwitchAsync(page, "zh-Hans");
            Assert.Equal(workbench, page.Url);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
            await Assertions.Expect(page.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
            await Assertions.Expect(page.Locator("#wb-conn .label")).ToHaveTextAsync("已连接");

            var found = new List<string>();
            // The editor with a line selected (toolbar and selection text), then its keyboard help.
            await page.Locator("#lines .line[data-n='2']").ClickAsync();
            await Assertions.Expect(page.Locator("#wb-selection")).ToContainTextAsync("第 2 行");
            found.AddRange(await EnglishAsync(page, "workbench", dataWords));
            await page.Locator("#lines").FocusAsync();
            await page.Keyboard.PressAsync("?");
            await Assertions.Expect(page.Locator("#wb-help-dialog")).ToBeVisibleAsync();
            found.AddRange(await EnglishAsync(page, "workbench help", dataWords));
            await page.Keyboard.PressAsync("Escape");

            await page.GotoAsync($"{browser.BaseUrl}/Projects/{projectId}/Review");
            await Assertions.Expect(page.Locator("#queue tbody tr").First).ToBeVisibleAsync();
            found.AddRange(await EnglishAsync(page, "review queue", dataWords));

            await page.GotoAsync($"{browser.BaseUrl}/Projects/{projectId}/Export");
            found.AddRange(await EnglishAsync(page, "export", dataWords));

            foreach (var line in found)
            {
                output.WriteLine(line);
            }

            Assert.True(found.Count == 0, $"English UI text in zh-Hans:\n{string.Join('\n', found)}");

            // Back to English, on the same page.
            await page.GotoAsync(workbench);
            await SwitchAsync(page, "en");
            Assert.Equal(workbench, page.Url);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Assertions.Expect(page.Locator("#wb-conn .label")).ToHaveTextAsync("Live");
            await Assertions.Expect(page.Locator("#lines-pane .pane-head")).ToHaveTextAsync("OCR lines");
            await Assertions.Expect(page.Locator("#wb-actions")).ToContainTextAsync("Split");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Clicks the header switch and waits for the reloaded page.</summary>
    private static async Task SwitchAsync(IPage page, string culture)
    {
        await page.Locator($"#language-switch button[value='{culture}']").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private async Task<List<string>> EnglishAsync(IPage page, string name, HashSet<string> dataWords)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await browser.ScreenshotAsync(page, "zh-" + name.Replace(' ', '-'), output);
        using var items = JsonDocument.Parse(await page.EvaluateAsync<JsonElement>(CollectScript) is var e ? e.GetRawText() : "[]");
        var found = new List<(string Word, string Where, string Snippet)>();
        foreach (var item in items.RootElement.EnumerateArray())
        {
            var where = item.GetProperty("where").GetString()!;
            var text = Identifier().Replace(item.GetProperty("text").GetString() ?? "", m => new string(' ', m.Length));
            foreach (Match m in Words().Matches(text))
            {
                if (!Allowed.Contains(m.Value) && !dataWords.Contains(m.Value))
                {
                    var from = Math.Max(0, m.Index - 20);
                    found.Add((m.Value, where, text.Substring(from, Math.Min(text.Length - from, m.Length + 40)).ReplaceLineEndings(" ")));
                }
            }
        }

        // body.innerText is the safety net: report from it only words no element reported.
        var byElement = found.Where(f => f.Where != "body.innerText").Select(f => f.Word).ToHashSet(StringComparer.Ordinal);
        return found.Where(f => f.Where != "body.innerText" || !byElement.Contains(f.Word))
            .Select(f => $"{name}: \"{f.Word}\" in {f.Where}: …{f.Snippet}…").Distinct().ToList();
    }

    /// <summary>
    /// A user of its own (admin of the demo project, so other tests' users keep their language), and one submitted
    /// article so the review queue has a row with its buttons.
    /// </summary>
    private async Task<(int ProjectId, int PageId)> PrepareAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var pageId = await db.Pages.Where(p => p.SourceName.StartsWith("000a_")).Select(p => p.Id).SingleAsync();
        var projectId = await db.Pages.Where(p => p.Id == pageId).Select(p => p.ProjectId).SingleAsync();
        var user = await users.FindByNameAsync(User) ?? await UserService.CreateAsync(users, User, BrowserFixture.DemoPassword);
        if (!await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == user.Id))
        {
            db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = ProjectRole.Admin });
            await db.SaveChangesAsync();
        }

        var other = await db.Pages.Where(p => p.SourceName.StartsWith("001_")).Select(p => p.Id).SingleAsync();
        var state = (await PageStore.LoadAsync(db, other))!.Value.State;
        if (!state.Articles.Any(a => a.Status == ArticleStatus.Submitted))
        {
            var last = state.Articles[^1];
            var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
            var (outcome, _) = await edits.ApplyAsync(other, user.Id, User, ProjectRole.Admin, state.Version, new SetStatus(last.Key, last.Status, ArticleStatus.Submitted));
            Assert.True(outcome.Accepted, outcome.Reason);
        }

        return (projectId, pageId);
    }

    /// <summary>ASCII words of the data (text, titles, names, file names, comments): user content, not UI text.</summary>
    private async Task<HashSet<string>> DataWordsAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var texts = new List<string?>();
        texts.AddRange(await db.Projects.Select(p => p.Name).ToListAsync());
        texts.AddRange(await db.Pages.Select(p => p.SourceName).ToListAsync());
        texts.AddRange(await db.Pages.Select(p => p.Publication).ToListAsync());
        texts.AddRange(await db.Lines.Select(l => l.Text).ToListAsync());
        texts.AddRange(await db.Lines.Select(l => l.Original).ToListAsync());
        texts.AddRange(await db.Articles.Select(a => a.Title).ToListAsync());
        texts.AddRange(await db.Comments.Select(c => c.Text).ToListAsync());
        texts.AddRange(await db.Users.Select(u => u.UserName).ToListAsync());
        texts.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync());
        texts.AddRange(await db.Labels.Select(l => l.Name).ToListAsync());
        texts.AddRange(await db.Labels.Select(l => l.DisplayName).ToListAsync());
        foreach (var pattern in await db.LabelPatterns.AsNoTracking().ToListAsync())
        {
            texts.AddRange(pattern.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => (string?)p.GetValue(pattern)));
        }

        return texts.Where(t => t is not null).SelectMany(t => Words().Matches(t!).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Words();

    private static Regex Identifier() => IdentifierPattern.Value;

    private static readonly Lazy<Regex> IdentifierPattern = new(() =>
        new Regex(@"(?<![\w-])(?:" + string.Join('|', Identifiers.Select(Regex.Escape)) + @")(?![\w-])", RegexOptions.CultureInvariant));
}
