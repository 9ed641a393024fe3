using Microsoft.EntityFrameworkCore;
using Workbench.Core.Agreement;
using Workbench.Core.Editing;
using Workbench.Core.Export;
using Workbench.Web.Data;
using Workbench.Web.Export;

namespace Workbench.Web.Agreement;

/// <summary>
/// Which complete articles a project agreement covers: one label only (every other label's spans are left out, so the
/// code-point measures are "this label or not"), and the time the article's last layer was submitted (inclusive dates, UTC).
/// </summary>
public sealed record AgreementFilter(string? Label = null, DateOnly? From = null, DateOnly? To = null)
{
    public static readonly AgreementFilter None = new();
}

/// <summary>An article the agreement covers: its export id (<see cref="ProjectExport.ArticleId(Page, int)"/>), where it is, and when its last layer was submitted.</summary>
public sealed record AgreementArticle(string Id, int PageId, int Key, string PageName, string Title, DateTimeOffset? Completed);

/// <summary>
/// The agreement of a project's annotators: the Core report (annotators are user ids), the user names, the articles by
/// item id, and the entities that could not be mapped into their article's text (left out, counted).
/// </summary>
public sealed record ProjectAgreementResult(
    AgreementReport Report,
    IReadOnlyDictionary<string, string> Names,
    IReadOnlyDictionary<string, AgreementArticle> Articles,
    int DroppedEntities)
{
    /// <summary>The user name of an annotator id (the id itself when the user is gone).</summary>
    public string NameOf(string userId) => Names.TryGetValue(userId, out var name) ? name : userId;
}

/// <summary>
/// Inter-annotator agreement of a project in independent mode (issue #19): every article whose layers are complete
/// (<see cref="Layers.Complete"/> with the project's <see cref="Project.AnnotatorsPerArticle"/>), its joined text with each
/// submitted layer's spans, measured by <see cref="AgreementMeasures"/> with the project's labels. Entity anchors are
/// mapped to offsets of the joined text by <see cref="ExportArticles.From"/> (the export's own mapping), one layer at a
/// time. Only complete articles are read, so nothing of a layer still hidden from its co-annotators is measured; the
/// per-annotator and per-article figures are still for curators only (callers check the role).
/// </summary>
public static class ProjectAgreement
{
    public static async Task<ProjectAgreementResult> MeasureAsync(WorkbenchDbContext db, int projectId, AgreementFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var (items, articles, source, dropped) = await CollectAsync(db, projectId, filter ?? AgreementFilter.None, cancellationToken);
        var ordered = source.Names.Keys.Concat(items.SelectMany(i => i.Layers.Keys)).Distinct(StringComparer.Ordinal)
            .OrderBy(a => source.Names.GetValueOrDefault(a, a), StringComparer.Ordinal).ThenBy(a => a, StringComparer.Ordinal).ToList();
        var options = new AgreementOptions { Annotators = ordered, Labels = source.Labels };
        return new ProjectAgreementResult(AgreementMeasures.Measure(items, options), source.Names, articles, dropped);
    }

    /// <summary>
    /// What an export's manifest measures (<see cref="ExportOptions.Agreement"/>): every complete article of the project as
    /// an item with its export id, the project's labels, annotator ids → user names; null for a project in shared mode.
    /// </summary>
    public static async Task<ExportAgreementSource?> ExportSourceAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken = default)
    {
        if (await db.Projects.Where(p => p.Id == projectId).Select(p => p.AnnotationMode).FirstOrDefaultAsync(cancellationToken) != AnnotationMode.Independent)
        {
            return null;
        }

        return (await CollectAsync(db, projectId, AgreementFilter.None, cancellationToken)).Source;
    }

    private static async Task<(List<AgreementItem> Items, Dictionary<string, AgreementArticle> Articles, ExportAgreementSource Source, int Dropped)> CollectAsync(
        WorkbenchDbContext db, int projectId, AgreementFilter filter, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, cancellationToken);
        var required = project.AnnotatorsPerArticle;
        var labels = await db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId && !l.Retired)
            .OrderBy(l => l.Ordinal).ThenBy(l => l.Id).Select(l => l.Name).ToListAsync(cancellationToken);

        // Candidates from the article rows alone: pages are loaded only when one of their articles is complete.
        var rows = await db.Articles.AsNoTracking()
            .Where(a => a.Layers != null && db.Pages.Any(p => p.Id == a.PageId && p.ProjectId == projectId))
            .Select(a => new { a.PageId, a.Key, a.Layers })
            .ToListAsync(cancellationToken);
        var pageIds = rows
            .Where(r => ArticleLayers.Read(r.Layers) is { } layers && layers.Count >= Math.Max(1, required) && layers.TrueForAll(l => l.Submitted))
            .Select(r => r.PageId).Distinct().Order().ToList();

        var completed = await CompletedAsync(db, pageIds, cancellationToken);
        var items = new List<AgreementItem>();
        var articles = new Dictionary<string, AgreementArticle>(StringComparer.Ordinal);
        var dropped = 0;
        foreach (var pageId in pageIds)
        {
            if (await PageStore.LoadAsync(db, pageId, cancellationToken) is not { } loaded)
            {
                continue;
            }

            var (page, state) = loaded;
            var info = ProjectExport.Info(page);
            foreach (var article in state.Articles)
            {
                if (!Layers.Complete(article, required))
                {
                    continue;
                }

                var id = ProjectExport.ArticleId(page, article.Key);
                var at = completed.TryGetValue((pageId, article.Key), out var time) ? time : page.ImportedAt;
                if ((filter.From is { } from && at.UtcDateTime.Date < from.ToDateTime(TimeOnly.MinValue))
                    || (filter.To is { } to && at.UtcDateTime.Date > to.ToDateTime(TimeOnly.MinValue)))
                {
                    continue;
                }

                if (Item(state, article, info, id, filter.Label, ref dropped) is { } item)
                {
                    items.Add(item);
                    articles[id] = new AgreementArticle(id, pageId, article.Key, page.SourceName, article.Title, at);
                }
            }
        }

        var annotators = items.SelectMany(i => i.Layers.Keys).Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Users.AsNoTracking().Where(u => annotators.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken); // log-in names: what the CLI's --annotator takes
        IReadOnlyList<string> reported = filter.Label is { } only ? [only] : labels;
        return (items, articles, new ExportAgreementSource(items, reported, names), dropped);
    }

    /// <summary>
    /// The article as an agreement item: its joined text and each layer's spans in offsets of that text, mapped by
    /// <see cref="ExportArticles.From"/> on the state holding only that layer's entities. An entity the export would drop
    /// (crossing the article, text changed under it) is left out and counted. Null for an article with no text.
    /// </summary>
    public static AgreementItem? Item(PageState state, ArticleState article, ExportPageInfo page, string id, string? label, ref int dropped)
    {
        var layers = new Dictionary<string, IReadOnlyList<ImportedSpan>>(StringComparer.Ordinal);
        string? text = null;
        foreach (var layer in article.LayerList)
        {
            var own = state with { Entities = state.Entities.RemoveAll(e => !string.Equals(e.Layer, layer.Annotator, StringComparison.Ordinal)) };
            if (ExportArticles.From(own, article.Key, page, id) is not { } exported)
            {
                return null;
            }

            text = exported.Text;
            dropped += exported.Dropped.Count;
            layers[layer.Annotator] = [.. exported.Entities
                .Where(e => label is null || string.Equals(e.Label, label, StringComparison.Ordinal))
                .Select(e => new ImportedSpan(e.Start, e.End, e.Label))];
        }

        return text is null ? null : AgreementItem.FromText(id, text, layers);
    }

    /// <summary>Per (page, article): the time of the latest layer operation (the last submission: a submitted layer is read-only).</summary>
    private static async Task<Dictionary<(int PageId, int Key), DateTimeOffset>> CompletedAsync(WorkbenchDbContext db, List<int> pageIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(int, int), DateTimeOffset>();
        if (pageIds.Count == 0)
        {
            return result;
        }

        // DateTimeOffset cannot be aggregated in SQL on SQLite: the rows are few (layer operations of complete pages).
        var operations = await db.Operations.AsNoTracking()
            .Where(o => pageIds.Contains(o.PageId) && o.ArticleKey != null && o.Layer != null)
            .Select(o => new { o.PageId, Key = o.ArticleKey!.Value, o.At })
            .ToListAsync(cancellationToken);
        foreach (var o in operations)
        {
            if (!result.TryGetValue((o.PageId, o.Key), out var at) || o.At > at)
            {
                result[(o.PageId, o.Key)] = o.At;
            }
        }

        return result;
    }
}
