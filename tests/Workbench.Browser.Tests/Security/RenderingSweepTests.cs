using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Editing;
using Workbench.Core.Export;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Import;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Security;

/// <summary>
/// Issue 17: a page-rendering sweep. Script-bearing values are planted in every place that holds user data (line text,
/// article title, comment, label display name, project name, user display name, page source name, imported annotation
/// label) and every page that shows them is opened in Chromium: no script of theirs runs (<c>window.__xss</c> stays
/// undefined, no page error, no CSP refusal in the console), and the values are shown as text. Where the app refuses a
/// value on the way in (label names, user names, label colours, annotation labels with markup), the refusal is asserted.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RenderingSweepTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Owner = "xsssweep";
    private const string Commenter = "xsscommenter";

    // Each bumps window.__xss when it runs; each has a distinct marker so a place's value is found on a page.
    private const string Img = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\">";
    private const string ScriptTag = "<script>window.__xss=(window.__xss||0)+1</script>";
    private const string SvgBreakout = "\"><svg onload=window.__xss=(window.__xss||0)+1>";
    private const string AttrBreakout = "' onmouseover='window.__xss=(window.__xss||0)+1' x='";
    private const string ChineseEmoji = "中文😀𠀀<img src=x onerror=window.__xss=(window.__xss||0)+1>";

    private const string TypedComment = "键入的评论 " + SvgBreakout + " " + ChineseEmoji;

    private static readonly string[] Payloads = [Img, ScriptTag, SvgBreakout, AttrBreakout, ChineseEmoji];

    [Fact]
    public async Task ScriptBearingValues_InEveryPlace_RenderAsText_OnEveryPage_AndNoScriptRuns()
    {
        var clock = Stopwatch.StartNew();
        var planted = await PlantAsync();
        var places = planted.Places;
        var routes = new (string Name, string Url)[]
        {
            ("project list", "/"),
            ("project", $"/Projects/{planted.ProjectId}"),
            ("workbench", $"/Editor/{planted.PageId}"),
            ("workbench (annotations)", $"/Editor/{planted.AnnotatedPageId}"),
            ("history", $"/Editor/{planted.PageId}/History"),
            ("resegment", $"/Editor/{planted.PageId}/Resegment"),
            ("review queue", $"/Projects/{planted.ProjectId}/Review"),
            ("audit", $"/Projects/{planted.ProjectId}/Audit"),
            ("agreement", $"/Projects/{planted.ProjectId}/Agreement"),
            ("my work", $"/Projects/{planted.ProjectId}/MyWork"),
            ("dashboard", $"/Projects/{planted.ProjectId}/Dashboard"),
            ("assign", $"/Projects/{planted.ProjectId}/Assign"),
            ("labels", $"/Projects/{planted.ProjectId}/Labels"),
            ("members", $"/Projects/{planted.ProjectId}/Members"),
            ("export", $"/Projects/{planted.ProjectId}/Export"),
            ("segmenter", $"/Projects/{planted.ProjectId}/Segmenter"),
        };

        var page = await browser.NewPageAsync();
        var alarms = new List<string>();
        page.Console += (_, message) =>
        {
            var text = message.Text;
            if (text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || text.Contains("Refused to execute", StringComparison.OrdinalIgnoreCase))
            {
                alarms.Add($"{page.Url}: console {message.Type}: {text}");
            }
        };
        page.PageError += (_, error) => alarms.Add($"{page.Url}: page error: {error}");
        page.Dialog += (_, dialog) => alarms.Add($"{page.Url}: dialog: {dialog.Message}");

        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var checks = 0;
        try
        {
            await browser.LoginAsync(page, Owner, BrowserFixture.DemoPassword);
            foreach (var (name, url) in routes)
            {
                var response = await page.GotoAsync(url);
                Assert.True(response is { Ok: true }, $"{name} ({url}) answered {response?.Status}");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                if (url.StartsWith("/Editor/", StringComparison.Ordinal) && !url.Contains("/History", StringComparison.Ordinal) && !url.Contains("/Resegment", StringComparison.Ordinal))
                {
                    await Assertions.Expect(page.Locator("#wb-conn")).ToHaveAttributeAsync("data-state", "connected");
                    await Assertions.Expect(page.Locator("#articles .card").First).ToBeVisibleAsync();
                    await OpenEverythingAsync(page);
                    if (name == "workbench")
                    {
                        // A comment typed in the browser goes through the comment endpoint and comes back live.
                        var card = page.Locator("#articles .card").First;
                        await card.Locator("textarea.comment-input").FillAsync(TypedComment);
                        await card.Locator(".comment-send").ClickAsync();
                        await Assertions.Expect(card.Locator(".comment-list .comment .comment-text").Last).ToHaveTextAsync(TypedComment);
                        await HoverEverythingAsync(page, "#articles .comment");
                    }
                }
                else
                {
                    await HoverEverythingAsync(page, "main a, main td, main li, main .card, main [title]");
                }

                Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
                Assert.True(alarms.Count == 0, string.Join("\n", alarms));

                // The text of the page, with the values of form fields (the label form shows display names in inputs).
                var text = await page.EvaluateAsync<string>(
                    "() => document.body.textContent + '\\n' + [...document.querySelectorAll('input,textarea')].map(e => e.value).join('\\n') + '\\n' + document.title");
                var shown = new List<string>();
                foreach (var (place, value) in places)
                {
                    checks++;
                    if (text.Contains(value, StringComparison.Ordinal))
                    {
                        shown.Add(place);
                    }
                }

                found[name] = shown;
                if (name == "workbench")
                {
                    await browser.ScreenshotAsync(page, "rendering-sweep-workbench", output);
                }

                output.WriteLine($"{name,-24} {url,-32} shows: {string.Join(", ", shown)}");
            }

        }
        finally
        {
            await page.Context.CloseAsync();
        }

        // Where each value must be visible as text.
        Assert.Contains("project name", found["project list"]);
        Assert.Contains("source name", found["project"]);
        foreach (var place in new[] { "line text", "line text with </script>", "article title", "comment", "typed comment", "comment author" })
        {
            Assert.Contains(place, found["workbench"]);
        }

        Assert.Contains("annotation label", found["workbench (annotations)"]);
        Assert.Contains("annotated line", found["workbench (annotations)"]);
        Assert.Contains("label display name", found["labels"]);
        Assert.Contains("annotation label", found["labels"]);
        Assert.Contains("owner name", found["members"]);
        Assert.Contains("article title", found["review queue"]);
        foreach (var place in new[] { "article title", "owner name", "comment author", "source name" })
        {
            Assert.Contains(place, found["agreement"]);
        }
        Assert.Contains("source name", found["history"]);
        foreach (var (place, _) in places)
        {
            Assert.True(found.Values.Any(f => f.Contains(place)), $"'{place}' was shown as text on no page");
        }

        var shownPairs = found.Values.Sum(f => f.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep: {places.Count} planted values (carrying {Payloads.Length} payload kinds) x {routes.Length} pages = {checks} value-page text checks, {shownPairs} of them shown as text; {routes.Length} pages checked for window.__xss, CSP reports and page errors; refused on the way in: {planted.Refusals}; {clock.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>Hovers what can be hovered and opens every card's comment thread and every toggle on the editor.</summary>
    private static async Task OpenEverythingAsync(IPage page)
    {
        var toggles = page.Locator("#articles .card .comments-toggle");
        for (var i = 0; i < await toggles.CountAsync(); i++)
        {
            if (await toggles.Nth(i).GetAttributeAsync("aria-expanded") != "true")
            {
                await toggles.Nth(i).ClickAsync();
            }
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await HoverEverythingAsync(page, "#articles .card, #articles .seg, #articles [title], #lines .line, .ent, [data-label], .comment");
    }

    private static async Task HoverEverythingAsync(IPage page, string selector)
    {
        var targets = page.Locator(selector);
        var count = Math.Min(await targets.CountAsync(), 40);
        for (var i = 0; i < count; i++)
        {
            var target = targets.Nth(i);
            if (await target.IsVisibleAsync())
            {
                await target.HoverAsync(new() { Timeout = 2_000, Force = true });
            }
        }
    }

    private sealed record Planted(int ProjectId, int PageId, int AnnotatedPageId, IReadOnlyList<(string Place, string Value)> Places, int Refusals);

    /// <summary>A project of its own holding every value, each place with its own payload (the payloads cycled).</summary>
    private async Task<Planted> PlantAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<WorkbenchDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var refusals = 0;

        // User names: Identity refuses markup in a user name; the display name is free text.
        foreach (var bad in new[] { "<script>x</script>", "a\"><svg onload=1>" })
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => UserService.CreateAsync(users, bad, BrowserFixture.DemoPassword));
            refusals++;
        }

        var ownerName = "owner " + SvgBreakout;
        var commenterName = "commenter " + ScriptTag;
        var owner = await UserService.CreateAsync(users, Owner, BrowserFixture.DemoPassword);
        var commenter = await UserService.CreateAsync(users, Commenter, BrowserFixture.DemoPassword);
        owner.DisplayName = ownerName;
        commenter.DisplayName = commenterName;
        Assert.True((await users.UpdateAsync(owner)).Succeeded);
        Assert.True((await users.UpdateAsync(commenter)).Succeeded);

        var projectName = "项目 " + Img;
        var project = await ProjectService.GetOrCreateAsync(db, projectName, TimeProvider.System);
        db.ProjectMembers.Add(new ProjectMember { ProjectId = project.Id, UserId = owner.Id, Role = ProjectRole.Admin });
        db.ProjectMembers.Add(new ProjectMember { ProjectId = project.Id, UserId = commenter.Id, Role = ProjectRole.Annotator });
        await db.SaveChangesAsync();

        // Labels: names and colours are checked on the way in; the display name is free text.
        var labels = await db.Labels.Where(l => l.ProjectId == project.Id).ToListAsync();
        foreach (var color in new[] { "javascript:alert(1)", "red;background:url(javascript:x)", "#fff\" onmouseover=\"x", "#12345g" })
        {
            Assert.NotNull(LabelService.Validate(labels, "XSSCOLOR", "colour", color, null, false));
            refusals++;
        }

        foreach (var name in new[] { "<b>x</b>", "a\"b", "x onmouseover=y" })
        {
            Assert.NotNull(LabelService.Validate(labels, name, "name", "#aa0000", null, false));
            refusals++;
        }

        // (Display names are at most 50 characters.)
        var labelDisplay = "标签' onmouseover='__xss=1' \"><svg onload=__xss=1>";
        Assert.True(labelDisplay.Length <= 50);
        Assert.Null(LabelService.Validate(labels, "XSSLABEL", labelDisplay, "#aa0000", null, false));
        db.Labels.Add(new Label { ProjectId = project.Id, Name = "XSSLABEL", DisplayName = labelDisplay, Color = "#aa0000", Ordinal = labels.Count });
        await db.SaveChangesAsync();

        // A text page: its source name and its lines carry payloads.
        var sourceName = "源 " + Img.Replace("\"", "", StringComparison.Ordinal) + ".txt";
        var lines = new[] { "标题 " + ChineseEmoji, "正文 " + Img, "second " + ScriptTag, "third " + SvgBreakout, "fourth " + AttrBreakout };
        var imported = await services.GetRequiredService<PageImporter>()
            .ImportAsync(project.Id, sourceName, Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        Assert.True(imported.Status == ImportStatus.Imported, imported.Message);
        var pageId = imported.PageId!.Value;

        // The article's title (SetTitle) and its submission for review, by the owner.
        var edits = services.GetRequiredService<PageEditService>();
        var state = (await PageStore.LoadAsync(db, pageId))!.Value.State;
        var article = state.Articles[0];
        var title = "标题 " + SvgBreakout + " " + ScriptTag;
        var (titled, _) = await edits.ApplyAsync(pageId, owner.Id, Owner, ProjectRole.Admin, state.Version, new SetTitle(article.Key, article.Title, title));
        Assert.True(titled.Accepted, titled.Reason);
        var (submitted, _) = await edits.ApplyAsync(pageId, owner.Id, Owner, ProjectRole.Admin, titled.Version, new SetStatus(article.Key, article.Status, ArticleStatus.Submitted));
        Assert.True(submitted.Accepted, submitted.Reason);

        // A comment on it by a user whose display name carries a payload.
        var commentText = "评论 " + ChineseEmoji + " " + AttrBreakout;
        db.Comments.Add(new Comment { PageId = pageId, ArticleKey = article.Key, AuthorId = commenter.Id, At = DateTimeOffset.UtcNow, Text = commentText });
        await db.SaveChangesAsync();

        // Imported annotations: a label with markup is refused (naming the record); a new label "人名" is added and
        // its entity shown over a line that carries payloads.
        var annotations = services.GetRequiredService<AnnotationImporter>();
        var refused = await annotations.ImportAsync(project.Id, "bad-labels.jsonl",
            Encoding.UTF8.GetBytes("{\"text\":\"张三 说\",\"entities\":[{\"start\":0,\"end\":2,\"label\":\"<img src=x onerror=alert(1)>\"}]}\n"), AnnotationFormat.NerJsonl);
        Assert.Equal(ImportStatus.Rejected, refused.Outcome.Status);
        refusals++;
        var annotatedLine = "说 " + Img + " 😀";
        var annotatedJson = System.Text.Json.JsonSerializer.Serialize(new { text = "张三" + annotatedLine, entities = new[] { new { start = 0, end = 2, label = "人名" } } });
        var annotated = await annotations.ImportAsync(project.Id, "annotated " + Img.Replace("\"", "", StringComparison.Ordinal) + ".jsonl",
            Encoding.UTF8.GetBytes(annotatedJson + "\n"), AnnotationFormat.NerJsonl);
        Assert.True(annotated.Outcome.Status == ImportStatus.Imported, annotated.Outcome.Message);
        Assert.Equal(["人名"], annotated.NewLabels);

        // The agreement page shows annotators' names and article titles: the titled article gets two submitted layers (owner's
        // and commenter's, as independent annotation would leave them; written on the row, as the project stays in shared mode
        // for the other pages), so it is measured there.
        var row = await db.Articles.SingleAsync(a => a.PageId == pageId && a.Key == article.Key);
        row.Layers = ArticleLayers.Write([new LayerState(owner.Id, true), new LayerState(commenter.Id, true)]);
        await db.SaveChangesAsync();

        var places = new List<(string, string)>
        {
            ("project name", projectName),
            ("owner name", ownerName),
            ("comment author", commenterName),
            ("label display name", labelDisplay),
            ("source name", sourceName),
            ("line text", lines[1]),
            ("line text with </script>", lines[2]),
            ("article title", title),
            ("comment", commentText),
            ("typed comment", TypedComment),
            ("annotation label", "人名"),
            ("annotated line", annotatedLine),
        };
        return new Planted(project.Id, pageId, annotated.Outcome.PageId!.Value, places, refusals);
    }
}
