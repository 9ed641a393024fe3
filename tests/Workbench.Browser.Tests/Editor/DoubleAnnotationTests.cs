using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Export;
using Workbench.Web.Import;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Editor;

/// <summary>
/// Independent double annotation in three browsers (issue #19): two annotators tag the same article, neither seeing the
/// other's tags; each submits their layer, and then sees the other's; the curator merges the agreed tag with one key,
/// decides the two disagreements with number keys, submits and approves; the export holds exactly the merged gold.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DoubleAnnotationTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string ProjectName = "双人独立标注";

    [Fact]
    public async Task TwoAnnotatorsTagBlind_SubmitAndSeeEachOther_CuratorMergesWithKeys_ExportHoldsTheGold()
    {
        var (projectId, pageId) = await SetUpAsync();
        var a = await browser.NewPageAsync("zh-CN");
        var b = await browser.NewPageAsync("zh-CN");
        var curator = await browser.NewPageAsync("zh-CN");
        try
        {
            foreach (var (page, user) in new[] { (a, "dbl-a"), (b, "dbl-b"), (curator, "dbl-cur") })
            {
                await browser.LoginAsync(page, user, BrowserFixture.DemoPassword);
                await page.GotoAsync($"/Editor/{pageId}");
                await Assertions.Expect(page.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
            }

            var key = await a.EvaluateAsync<int>("editor.state.articles[0].key");
            var aCard = a.Locator($"#articles .card[data-key='{key}']");
            var bCard = b.Locator($"#articles .card[data-key='{key}']");
            var cCard = curator.Locator($"#articles .card[data-key='{key}']");

            // An annotator's card offers their layer, not the article's review.
            await Assertions.Expect(aCard.Locator(".layer-status")).ToHaveTextAsync("你的标注层：进行中");
            await Assertions.Expect(aCard.Locator(".review-bar button")).ToHaveCountAsync(0);

            // Both tag 乌兰察布市 LOC with the keyboard (E, Shift+Right ×5, 3); A also tags 北京市人民政府 ORG, B 张三 PER.
            foreach (var (page, card) in new[] { (a, aCard), (b, bCard) })
            {
                await card.Locator(".card-head .key").ClickAsync();
                await page.Keyboard.PressAsync("e");
                for (var i = 0; i < 5; i++)
                {
                    await page.Keyboard.PressAsync("Shift+ArrowRight");
                }

                await page.Keyboard.PressAsync("3");
                await page.WaitForFunctionAsync("() => editor.state.entities.some(e => e.text === '乌兰察布市' && e.label === 'LOC')");
            }

            await TagAsync(a, "ORG", "北京市人民政府");
            await TagAsync(b, "PER", "张三");

            // Blind: each sees only their own tags, on the page and in the state.
            Assert.Equal(["LOC:乌兰察布市", "ORG:北京市人民政府"], await TagsAsync(a));
            Assert.Equal(["LOC:乌兰察布市", "PER:张三"], await TagsAsync(b));
            await Assertions.Expect(b.Locator("#articles .pc.ent", new() { HasText = "北京" })).ToHaveCountAsync(0);
            await browser.ScreenshotAsync(b, "double-1-annotator-b-blind", output);

            // A submits; B still sees nothing of A. B submits: each now sees the other's tags.
            await aCard.Locator(".layer-submit").ClickAsync();
            await Assertions.Expect(aCard.Locator(".layer-status")).ToHaveTextAsync("你的标注层：已提交");
            await Assertions.Expect(cCard.Locator(".layer-status")).ToHaveTextAsync("标注层：已提交 1 / 2");
            Assert.Equal(["LOC:乌兰察布市", "PER:张三"], await TagsAsync(b));
            await bCard.Locator(".layer-submit").ClickAsync();
            await a.WaitForFunctionAsync("() => editor.state.entities.length === 4");
            await b.WaitForFunctionAsync("() => editor.state.entities.length === 4");
            await Assertions.Expect(aCard.Locator(".layer-note")).ToBeVisibleAsync();
            await Assertions.Expect(aCard.Locator(".layer-takeback")).ToHaveCountAsync(0);

            // The curator sees both layers, opens the curation with the button, and decides with keys.
            await Assertions.Expect(cCard.Locator(".layer-chip")).ToHaveTextAsync(["dbl-a ✓", "dbl-b ✓"]);
            await cCard.Locator(".layer-curate").ClickAsync();
            var panel = cCard.Locator(".curation");
            await Assertions.Expect(panel).ToBeFocusedAsync();
            await Assertions.Expect(panel).ToBeInViewportAsync(new() { Ratio = 1 });
            await Assertions.Expect(panel.Locator(".curation-agreed")).ToContainTextAsync("1");
            await Assertions.Expect(panel.Locator(".curation-group")).ToHaveCountAsync(2);
            await browser.ScreenshotAsync(curator, "double-2-curation", output);
            await curator.Keyboard.PressAsync("m");
            await Assertions.Expect(panel.Locator(".curation-merge")).ToHaveCountAsync(0);
            await Assertions.Expect(panel).ToBeFocusedAsync();

            // Group 1 (in reading order): B's 张三 PER against nothing of A's: 2 accepts B's. Group 2: A's 北京市人民政府 ORG: 1.
            var groups = panel.Locator(".curation-group");
            await Assertions.Expect(groups.Nth(0)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("current"));
            await Assertions.Expect(groups.Nth(0)).ToContainTextAsync("张三");
            await curator.Keyboard.PressAsync("2");
            await Assertions.Expect(groups.Nth(0)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("resolved"));
            await Assertions.Expect(groups.Nth(1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("current"));
            await Assertions.Expect(groups.Nth(1)).ToContainTextAsync("北京市人民政府");
            await curator.Keyboard.PressAsync("1");
            await Assertions.Expect(groups.Nth(1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("resolved"));
            await curator.WaitForFunctionAsync("() => editor.state.entities.filter(e => !e.layer).length === 3");
            await browser.ScreenshotAsync(curator, "double-3-curated", output);

            // The gold layer goes through review as today: the curator submits and approves it (self-review allowed here).
            await cCard.Locator(".review-bar button[data-action='submit']").ClickAsync();
            await cCard.Locator(".review-bar button[data-action='approve']").ClickAsync();
            await Assertions.Expect(cCard.Locator(".card-head .status")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-approved"));

            // The export holds the merged gold only: no layer's tag twice, nothing the curator did not accept.
            await using var scope = browser.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var exported = Assert.Single(ProjectExport.Articles(db, projectId, ProjectExport.StatusApproved));
            Assert.Equal(["LOC:乌兰察布市", "ORG:北京市人民政府", "PER:张三"], exported.Entities.Select(e => $"{e.Label}:{exported.Text[e.Start..e.End]}").Order());
            Assert.Equal(["dbl-a", "dbl-b"], exported.Annotators.Order());

            // … and the manifest its agreement: one article, A and B share one of their two tags each (span F1 2·1/(2+2)).
            var options = new Workbench.Core.Export.ExportOptions(Workbench.Core.Export.ExportFormats.NerJsonl)
            {
                Project = ProjectName,
                Agreement = await Workbench.Web.Agreement.ProjectAgreement.ExportSourceAsync(db, projectId),
            };
            var files = new Dictionary<string, MemoryStream>();
            var manifest = Workbench.Core.Export.Exporter.Run(ProjectExport.Articles(db, projectId), options, name => files[name] = new MemoryStream());
            var agreement = Assert.IsType<Workbench.Core.Export.ManifestAgreement>(manifest.Agreement);
            Assert.Equal(["dbl-a", "dbl-b"], agreement.Annotators);
            var pair = Assert.Single(agreement.Pairs);
            Assert.Equal((1, 0.5), (pair.Articles, pair.SpanF1));
            Assert.Equal(0.5, agreement.Articles[exported.Id].SpanF1);
        }
        finally
        {
            await a.Context.CloseAsync();
            await b.Context.CloseAsync();
            await curator.Context.CloseAsync();
        }
    }

    /// <summary>Tags the first occurrence of <paramref name="text"/> through the editor's own edit path.</summary>
    private static async Task TagAsync(IPage page, string label, string text)
    {
        var ack = await page.EvaluateAsync<bool>(
            """
            async ([label, text]) => {
              const line = editor.state.lines.find(l => l.text.includes(text));
              const offset = line.text.indexOf(text);
              const ack = await editor.editing.send({ kind: 'addEntity', label, start: { line: line.n, offset }, end: { line: line.n, offset: offset + text.length }, text, source: 'manual' });
              return !!ack?.accepted;
            }
            """,
            new[] { label, text });
        Assert.True(ack);
    }

    private static async Task<List<string>> TagsAsync(IPage page) =>
        [.. (await page.EvaluateAsync<string[]>("() => editor.state.entities.map(e => `${e.label}:${e.text}`)")).Order()];

    private async Task<(int ProjectId, int PageId)> SetUpAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<WorkbenchDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var project = await ProjectService.GetOrCreateAsync(db, ProjectName, TimeProvider.System);
        (project.AnnotationMode, project.AnnotatorsPerArticle, project.AllowSelfReview) = (AnnotationMode.Independent, 2, true);
        foreach (var (name, role) in new[] { ("dbl-a", ProjectRole.Annotator), ("dbl-b", ProjectRole.Annotator), ("dbl-cur", ProjectRole.Reviewer) })
        {
            var user = await users.FindByNameAsync(name) ?? await UserService.CreateAsync(users, name, BrowserFixture.DemoPassword);
            db.ProjectMembers.Add(new ProjectMember { ProjectId = project.Id, UserId = user.Id, Role = role });
        }

        await db.SaveChangesAsync();
        var imported = await services.GetRequiredService<PageImporter>()
            .ImportAsync(project.Id, "double.txt", Encoding.UTF8.GetBytes("乌兰察布市召开会议\n张三在北京市人民政府发布会上讲话。\n"));
        Assert.True(imported.Status == ImportStatus.Imported, imported.Message);
        var state = (await PageStore.LoadAsync(db, imported.PageId!.Value))!.Value.State;
        Assert.Single(state.Articles);
        return (project.Id, imported.PageId.Value);
    }
}
