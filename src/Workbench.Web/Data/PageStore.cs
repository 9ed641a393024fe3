using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using EntityState = Workbench.Core.Editing.EntityState;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Web.Data;

/// <summary>Maps Core's <see cref="PageState"/> to rows and back.</summary>
public static class PageStore
{
    /// <summary>
    /// Fills a new page's lines, articles, blocks and entities from its initial state; with the segmentation, also each line's box, its
    /// text as the OCR file wrote it (when the reader de-spaced it), and the size of the image the boxes refer to, from the source page it was made of.
    /// </summary>
    public static void Fill(Page page, PageState state, PageSegmentation? segmentation = null)
    {
        page.Version = state.Version;
        page.NextArticleKey = state.NextArticleKey;
        page.NextEntityKey = state.NextEntityKey;
        var source = segmentation?.Page;
        page.OcrWidth = source?.Width;
        page.OcrHeight = source?.Height;
        page.Graphics = source is null ? null : StoredLayout.WriteGraphics(source.Graphics);
        foreach (var line in state.Lines.Values)
        {
            var sourceLine = source is not null && line.Number <= source.Lines.Count && source.Line(line.Number).Number == line.Number ? source.Line(line.Number) : null;
            var box = sourceLine?.Box;
            page.Lines.Add(new PageLine
            {
                Number = line.Number,
                Original = line.Original,
                Text = line.Text,
                OcrText = sourceLine?.RawText,
                X = box?.X,
                Y = box?.Y,
                Width = box?.Width,
                Height = box?.Height,
                FontSize = sourceLine?.FontSize,
                Region = sourceLine?.RegionId is { Length: <= 200 } region ? region : null,
                RegionRole = sourceLine?.RegionRole,
            });
        }

        for (var i = 0; i < state.Articles.Count; i++)
        {
            var row = ToRow(state.Articles[i], i);
            row.ExternalId = segmentation is not null && i < segmentation.Articles.Count ? segmentation.Articles[i].ExternalId : null;
            page.Articles.Add(row);
        }

        foreach (var entity in state.Entities)
        {
            page.Entities.Add(ToRow(entity));
        }
    }

    public static Article ToRow(ArticleState article, int ordinal)
    {
        var row = new Article
        {
            Key = article.Key,
            Ordinal = ordinal,
            Title = article.Title,
            Status = article.Status,
            AssigneeId = article.AssigneeId,
            Confidence = article.Confidence,
            Layers = ArticleLayers.Write(article.Layers),
        };
        for (var b = 0; b < article.Blocks.Count; b++)
        {
            var block = article.Blocks[b];
            row.Blocks.Add(new Block { Ordinal = b, Role = block.Role, FirstLine = block.FirstLine, LastLine = block.LastLine });
        }

        return row;
    }

    public static Entity ToRow(EntityState entity) => new()
    {
        Key = entity.Key,
        Label = entity.Label,
        StartLine = entity.Start.Line,
        StartOffset = entity.Start.Offset,
        EndLine = entity.End.Line,
        EndOffset = entity.End.Offset,
        Text = entity.Text,
        Source = entity.Source,
        Layer = entity.Layer,
    };

    /// <summary>The OCR file's own text of the lines whose stored text differs from it (line number → text as read).</summary>
    public static async Task<IReadOnlyDictionary<int, string>> OcrTextsAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken = default) =>
        await db.Lines.AsNoTracking().Where(l => l.PageId == pageId && l.OcrText != null)
            .ToDictionaryAsync(l => l.Number, l => l.OcrText!, cancellationToken);

    /// <summary>The item types a file declared for the page's articles (article key → type as written), for the articles that have one.</summary>
    public static async Task<IReadOnlyDictionary<int, string>> ItemTypesAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken = default) =>
        await db.Articles.AsNoTracking().Where(a => a.PageId == pageId && a.ItemType != null)
            .ToDictionaryAsync(a => a.Key, a => a.ItemType!, cancellationToken);

    /// <summary>The boxes of a page's lines (line number → box), for the lines that have one.</summary>
    public static async Task<IReadOnlyDictionary<int, LineBox>> BoxesAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken = default) =>
        (await db.Lines.AsNoTracking()
            .Where(l => l.PageId == pageId && l.X != null && l.Y != null && l.Width != null && l.Height != null)
            .Select(l => new { l.Number, X = l.X!.Value, Y = l.Y!.Value, W = l.Width!.Value, H = l.Height!.Value })
            .ToListAsync(cancellationToken))
        .ToDictionary(l => l.Number, l => new LineBox(l.X, l.Y, l.W, l.H));

    /// <summary>Loads a page's current state, read-only.</summary>
    public static async Task<(Page Page, PageState State)?> LoadAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken = default)
    {
        var page = await db.Pages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pageId, cancellationToken);
        if (page is null)
        {
            return null;
        }

        var lines = await db.Lines.AsNoTracking().Where(l => l.PageId == pageId).OrderBy(l => l.Number).ToListAsync(cancellationToken);
        var articles = await db.Articles.AsNoTracking().Where(a => a.PageId == pageId).Include(a => a.Blocks).OrderBy(a => a.Ordinal).ToListAsync(cancellationToken);
        var entities = await db.Entities.AsNoTracking().Where(e => e.PageId == pageId).OrderBy(e => e.Key).ToListAsync(cancellationToken);
        return (page, Build(page, lines, articles, entities));
    }

    /// <summary>
    /// Loads several pages' states, read-only, with four queries for all of them (an export reads a project this way, a
    /// batch of pages at a time, instead of four round trips per page). Pages that do not exist are left out.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, (Page Page, PageState State)>> LoadManyAsync(WorkbenchDbContext db, IReadOnlyCollection<int> pageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pageIds);
        var pages = await db.Pages.AsNoTracking().Where(p => pageIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var lines = (await db.Lines.AsNoTracking().Where(l => pageIds.Contains(l.PageId)).OrderBy(l => l.PageId).ThenBy(l => l.Number).ToListAsync(cancellationToken)).ToLookup(l => l.PageId);
        var articles = (await db.Articles.AsNoTracking().Where(a => pageIds.Contains(a.PageId)).Include(a => a.Blocks).OrderBy(a => a.PageId).ThenBy(a => a.Ordinal).ToListAsync(cancellationToken)).ToLookup(a => a.PageId);
        var entities = (await db.Entities.AsNoTracking().Where(e => pageIds.Contains(e.PageId)).OrderBy(e => e.PageId).ThenBy(e => e.Key).ToListAsync(cancellationToken)).ToLookup(e => e.PageId);
        return pages.ToDictionary(p => p.Id, p => (p, Build(p, [.. lines[p.Id]], [.. articles[p.Id]], [.. entities[p.Id]])));
    }

    private static PageState Build(Page page, List<PageLine> lines, List<Article> articles, List<Entity> entities) => new(
        page.Version,
        lines.ToImmutableSortedDictionary(l => l.Number, l => new LineState(l.Number, l.Original, l.Text)),
        articles.Select(a => new ArticleState(
            a.Key,
            a.Title,
            a.Status,
            a.Blocks.OrderBy(b => b.Ordinal).Select(b => new BlockState(b.Role, b.FirstLine, b.LastLine)).ToImmutableList(),
            a.AssigneeId,
            a.Confidence,
            ArticleLayers.Read(a.Layers))).ToImmutableList(),
        entities.Select(e => new EntityState(e.Key, e.Label, new Anchor(e.StartLine, e.StartOffset), new Anchor(e.EndLine, e.EndOffset), e.Text, e.Source, e.Layer)).ToImmutableList(),
        page.NextArticleKey,
        page.NextEntityKey);
}
