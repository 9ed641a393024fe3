using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>One article in a re-segmentation preview: its title and line ranges, and whether it is new or gone.</summary>
public sealed record ArticleOutline(string Title, string Lines, double Confidence, OutlineChange Change);

public enum OutlineChange
{
    Same,
    Added,
    Removed,
}

/// <summary>
/// Runs the current segmenter again over a page's original lines. Allowed only while nobody has edited the page
/// (version 0), so no one's work is thrown away; the preview shows what would change before it is applied.
/// </summary>
public static class Resegmentation
{
    /// <summary>
    /// The proposal of the segmenter the project's imports get now (its own model where that beat the rules, else the default), over the
    /// page's original lines with every layout cue stored at import.
    /// </summary>
    public static async Task<PageSegmentation> ProposeAsync(WorkbenchDbContext db, Page page, CancellationToken cancellationToken = default)
    {
        var lines = await db.Lines.AsNoTracking().Where(l => l.PageId == page.Id).OrderBy(l => l.Number).ToListAsync(cancellationToken);
        var segment = await Segmentation.ProjectSegmenters.ForProjectAsync(db, page.ProjectId, cancellationToken);
        return segment(StoredLayout.Source(page, lines));
    }

    public static (IReadOnlyList<ArticleOutline> Current, IReadOnlyList<ArticleOutline> Proposed) Compare(PageState state, PageSegmentation proposal)
    {
        var current = state.Articles.Select(a => (a.Title, Lines: Ranges(a.Blocks.Select(b => (b.FirstLine, b.LastLine))), a.Confidence)).ToList();
        var proposed = proposal.Articles.Select(a => (a.Title, Lines: Ranges(a.Blocks.Select(b => (b.FirstLine, b.LastLine))), a.Confidence)).ToList();
        var proposedKeys = proposed.Select(p => p.Lines).ToHashSet(StringComparer.Ordinal);
        var currentKeys = current.Select(c => c.Lines).ToHashSet(StringComparer.Ordinal);
        return (
            current.Select(c => new ArticleOutline(c.Title, c.Lines, c.Confidence, proposedKeys.Contains(c.Lines) ? OutlineChange.Same : OutlineChange.Removed)).ToList(),
            proposed.Select(p => new ArticleOutline(p.Title, p.Lines, p.Confidence, currentKeys.Contains(p.Lines) ? OutlineChange.Same : OutlineChange.Added)).ToList());
    }

    /// <summary>Replaces the page's articles, if the page is still unedited. False when someone edited it meanwhile.</summary>
    /// <param name="cache">
    /// The edit path's page locks and states: the page's version does not move (it stays 0), so its cached state is dropped, under its lock;
    /// other app instances see <see cref="Page.Resegmented"/> move on and drop theirs.
    /// </param>
    public static Task<bool> ApplyAsync(WorkbenchDbContext db, PageStateCache cache, int pageId, PageSegmentation proposal, CancellationToken cancellationToken = default) =>
        cache.ExclusiveAsync(pageId, () => ReplaceAsync(db, pageId, proposal, cancellationToken));

    private static async Task<bool> ReplaceAsync(WorkbenchDbContext db, int pageId, PageSegmentation proposal, CancellationToken cancellationToken)
    {
        var state = PageStates.FromSegmentation(proposal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Pages.Where(p => p.Id == pageId && p.Version == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextArticleKey, state.NextArticleKey).SetProperty(p => p.Resegmented, p => p.Resegmented + 1), cancellationToken);
        if (claimed == 0 || await db.Entities.AnyAsync(e => e.PageId == pageId, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await db.Articles.Where(a => a.PageId == pageId).ExecuteDeleteAsync(cancellationToken);

        // New articles reuse keys 1..n: links to the old ones would point at the wrong articles, so they go.
        await db.ArticleLinks.Where(l => l.FromPageId == pageId || l.ToPageId == pageId).ExecuteDeleteAsync(cancellationToken);
        await db.Pages.Where(p => p.Id == pageId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Segmentation, SegmentationSource.Automatic), cancellationToken);
        for (var i = 0; i < state.Articles.Count; i++)
        {
            var row = PageStore.ToRow(state.Articles[i], i);
            row.PageId = pageId;
            db.Articles.Add(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>"3–5, 9, 12–20": non-blank runs merged, for people to read.</summary>
    public static string Ranges(IEnumerable<(int First, int Last)> blocks) =>
        string.Join(", ", blocks.OrderBy(b => b.First).Select(b => b.First == b.Last ? $"{b.First}" : $"{b.First}–{b.Last}"));
}
