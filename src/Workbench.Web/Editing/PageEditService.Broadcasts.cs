using Workbench.Core.Editing;
using Workbench.Web.Hubs;

namespace Workbench.Web.Editing;

// What a committed group tells others: the page's broadcast (per viewer in independent annotation) and the review queue.
public sealed partial class PageEditService
{
    /// <summary>
    /// Sends a group's broadcast. Shared mode: one message to the page's group. Independent annotation: the whole message
    /// to the page's curators, and to each annotator on the page the same sequence numbers with what they may see
    /// (<see cref="PagePatch.For"/>): another layer's operation arrives as a placeholder of kind "hidden", so no one sees a gap.
    /// </summary>
    private async Task SendAsync(int pageId, Broadcast broadcast)
    {
        if (broadcast.Mode.Independent is false)
        {
            await hub.Clients.Group(PageHub.GroupFor(pageId)).OperationsApplied(broadcast.Message);
            return;
        }

        await hub.Clients.Group(PageHub.CuratorsGroupFor(pageId)).OperationsApplied(broadcast.Message);
        var annotators = (presence is null ? [] : await presence.PresentAsync(pageId)).Select(p => p.UserId).Distinct(StringComparer.Ordinal);
        foreach (var userId in annotators)
        {
            var viewer = new Core.Editing.LayerViewer(userId, Curator: false, broadcast.Mode.Required);
            var entries = broadcast.Steps.Select(step =>
            {
                var patch = PagePatch.For(step.Entry.Patch, step.Before, step.After, viewer);
                return Layers.CanRead(step.Layer, viewer, step.After.FindArticle(step.ArticleKey ?? 0))
                    ? step.Entry with { Patch = patch }
                    : step.Entry with { AuthorId = "", Kind = PagePatch.HiddenKind, Patch = patch };
            }).ToList();
            await hub.Clients.Group(PageHub.AnnotatorGroupFor(pageId, userId)).OperationsApplied(new AppliedOperations(pageId, entries));
        }
    }

    /// <summary>One group's broadcast, with what the per-viewer filtering of independent annotation needs.</summary>
    private sealed record Broadcast(AppliedOperations Message, LayerPolicy.Mode Mode, IReadOnlyList<BroadcastStep> Steps);

    private sealed record BroadcastStep(AppliedOperation Entry, PageState Before, PageState After, string? Layer, int? ArticleKey);


    /// <summary>
    /// The articles whose row in the project's review queue this group changed: submitted before or after it (submitted, approved,
    /// sent back, withdrawn, removed) and changed by it; null when none.
    /// </summary>
    private static QueueChange? QueueChangeOf(int projectId, int pageId, PageState before, PageState after, List<Accepted> accepted)
    {
        var touched = accepted.Select(a => a.Applied.Changes).Aggregate((a, b) => a.Then(b));
        var keys = touched.Articles.Union(touched.RemovedArticles)
            .Where(k => before.FindArticle(k)?.Status == ArticleStatus.Submitted || after.FindArticle(k)?.Status == ArticleStatus.Submitted)
            .ToList();
        return keys.Count == 0 ? null : new QueueChange(projectId, pageId, keys);
    }
}
