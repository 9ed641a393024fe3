using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

/// <summary>
/// Independent annotation (issue #19), over real hub connections, the HTTP API and the pages: annotator B receives nothing
/// of A's layer before both submitted (not in the join, the broadcasts, the catch-up log, the state endpoint, the history
/// page, a refusal or a notice), the reviewer sees both, and once both are submitted each sees the other's.
/// </summary>
public sealed class IndependentAnnotationTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private const string Secret = "ORG";

    [Fact]
    public async Task BReceivesNothingOfAsLayerBeforeBothSubmitted_TheReviewerSeesBoth()
    {
        var projectId = await factory.DemoProjectIdAsync();
        await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.AnnotationMode, AnnotationMode.Independent).SetProperty(p => p.AnnotatorsPerArticle, 2)));
        await PageClient.CreateMembersAsync(factory, ["ind-a", "ind-b"], ProjectRole.Annotator);
        var ids = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "ind-a" || u.UserName == "ind-b").ToDictionaryAsync(u => u.UserName!, u => u.Id));
        var pageId = await factory.PageIdAsync("001_");
        var imported = PageClient.ImportedState("001_");
        await using var a = await PageClient.ConnectAsync(factory, "ind-a", pageId, imported);
        await using var b = await PageClient.ConnectAsync(factory, "ind-b", pageId, imported);
        await using var reviewer = await PageClient.ConnectAsync(factory, "reviewer", pageId, imported);
        foreach (var client in new[] { a, b, reviewer })
        {
            Assert.True((await client.JoinAsync()).Joined);
        }

        // A tags a word of a draft article, naming B's layer in the operation: the server puts it in A's.
        var article = imported.Articles.First(x => PageStates.LinesOf(x).Count(n => imported.Lines[n].Text.Length >= 6) >= 2);
        var line = imported.Lines[PageStates.LinesOf(article).First(n => imported.Lines[n].Text.Length >= 6)];
        var span = line.Text[..4];
        var tag = new AddEntity(Secret, new Anchor(line.Number, 0), new Anchor(line.Number, 4), span, Layer: ids["ind-b"]);
        var tagged = await a.ApplyAsync(tag);
        Assert.True(tagged.Accepted, tagged.Reason);
        // The acknowledgement can reach A before the broadcast that carries the change: wait for all three.
        await a.WaitForVersionAsync(tagged.Version, TimeSpan.FromSeconds(10));
        await reviewer.WaitForVersionAsync(tagged.Version, TimeSpan.FromSeconds(10));
        await b.WaitForVersionAsync(tagged.Version, TimeSpan.FromSeconds(10));
        var entity = Assert.Single(reviewer.State.Entities);
        Assert.Equal(ids["ind-a"], entity.Layer);

        // B: the broadcast is a placeholder with the same sequence number; nothing in B's state.
        var placeholder = b.Received.Single(e => e.Sequence == tagged.Version);
        Assert.Equal(PagePatch.HiddenKind, placeholder.Kind);
        Assert.Equal("", placeholder.AuthorId);
        Assert.Empty(placeholder.Patch.Entities);
        Assert.Empty(placeholder.Patch.Articles.SelectMany(x => x.Layers ?? []));
        Assert.Empty(b.State.Entities);
        Assert.Equal(entity with { Layer = ids["ind-a"] }, Assert.Single(a.State.Entities));

        // Not in a fresh join, nor one from a known version (the recent broadcasts are whole messages).
        await using (var again = await PageClient.ConnectAsync(factory, "ind-b", pageId, imported))
        {
            var join = await again.JoinAsync();
            Assert.Empty(join.State!.Entities);
            Assert.DoesNotContain(join.State.Articles, x => x.Layers is not null);
        }

        await using (var known = await PageClient.ConnectAsync(factory, "ind-b", pageId, imported))
        {
            var join = await known.Connection.InvokeAsync<Workbench.Web.Hubs.JoinResult>(nameof(Workbench.Web.Hubs.PageHub.Join), pageId, tagged.Version - 1);
            Assert.Null(join.Operations);
            Assert.Empty(join.State!.Entities);
        }

        // Not through the API: state, catch-up log, suggestions; not on the history page.
        var bState = await b.Http.GetFromJsonAsync<EditorState>($"/api/pages/{pageId}/state", EditorState.Json);
        Assert.Empty(bState!.Entities);
        Assert.NotNull(bState.Annotation);
        var log = await b.Http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={tagged.Version - 1}", EditorState.Json);
        var hidden = Assert.Single(log!);
        Assert.Equal((PagePatch.HiddenKind, (PageOperation?)null, ""), (hidden.Kind, hidden.Operation, hidden.AuthorName));
        var history = await b.Http.GetStringAsync($"/Editor/{pageId}/History");
        Assert.DoesNotContain("ind-a", history, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, history, StringComparison.Ordinal);
        var reviewerLog = await reviewer.Http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={tagged.Version - 1}", EditorState.Json);
        Assert.Equal(ids["ind-a"], Assert.IsType<AddEntity>(Assert.Single(reviewerLog!).Operation).Layer);
        Assert.Single((await reviewer.Http.GetFromJsonAsync<EditorState>($"/api/pages/{pageId}/state", EditorState.Json))!.Entities);

        // Not through a refusal: A's entity is "not there" for B, and B may make the same tag in B's layer.
        var remove = await b.ApplyAsync(new RemoveEntity(entity.Key));
        Assert.False(remove.Accepted);
        Assert.Equal(EditMessages.Format(EditMessages.EntityMissing, entity.Key), remove.Reason);
        var same = await b.ApplyAsync(tag with { Layer = null });
        Assert.True(same.Accepted, same.Reason);

        // A line edit that would change A's tag is refused without naming it; one that moves it is fine.
        var cut = await b.ApplyAsync(new EditLine(line.Number, line.Text, line.Text[2..]));
        Assert.False(cut.Accepted);
        Assert.Equal(EditMessages.OtherLayerTouched, cut.Reason);
        Assert.DoesNotContain(span, cut.Reason, StringComparison.Ordinal);

        // A submits: B still sees nothing of it. B submits: the article is complete, each now sees the other's tag.
        var aSubmits = await a.ApplyAsync(new SetLayerStatus(article.Key, true));
        Assert.True(aSubmits.Accepted, aSubmits.Reason);
        await b.WaitForVersionAsync(aSubmits.Version, TimeSpan.FromSeconds(10));
        Assert.Single(b.State.Entities);
        Assert.Equal(PagePatch.HiddenKind, b.Received.Single(e => e.Sequence == aSubmits.Version).Kind);
        var bSubmits = await b.ApplyAsync(new SetLayerStatus(article.Key, true));
        Assert.True(bSubmits.Accepted, bSubmits.Reason);
        await a.WaitForVersionAsync(bSubmits.Version, TimeSpan.FromSeconds(10));
        await b.WaitForVersionAsync(bSubmits.Version, TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { ids["ind-a"], ids["ind-b"] }.Order(), a.State.Entities.Select(e => e.Layer!).Order());
        Assert.Equal(new[] { ids["ind-a"], ids["ind-b"] }.Order(), b.State.Entities.Select(e => e.Layer!).Order());
        await reviewer.WaitForVersionAsync(bSubmits.Version, TimeSpan.FromSeconds(10));
        Assert.Equal(2, reviewer.State.FindArticle(article.Key)!.LayerList.Count(l => l.Submitted));

        // Seen each other's: a submission can no longer be taken back; an annotator cannot change the article's status.
        var takeBack = await a.ApplyAsync(new SetLayerStatus(article.Key, false));
        Assert.Equal(EditMessages.LayersAllSubmitted, takeBack.Reason);
        var status = await a.ApplyAsync(new SetStatus(article.Key, article.Status, ArticleStatus.Submitted));
        Assert.Equal(ServerMessages.LayerStatusOnly, status.Reason);
        Assert.Null(a.Failure ?? b.Failure ?? reviewer.Failure);
    }
}
