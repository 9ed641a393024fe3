using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Export;
using Workbench.Core.Pages;
using Workbench.Core.Tagging;
using Workbench.Web.Data;
using Workbench.Web.Editing;

namespace Workbench.Web.Import;

/// <summary>
/// An annotation file as one annotator's entity layer (independent annotation, issue #19; the CLI's
/// <c>import FILE --annotator USER</c>). Into a project without articles the file is imported as a new page as
/// <see cref="AnnotationImporter"/> does, its spans in the user's layer, submitted. Into a project with articles each
/// record goes to the article with the same joined text (the k-th record with a text to the k-th such article, pages
/// in import order): its spans become <see cref="AddEntity"/> operations of the user's layer and the layer is submitted
/// (<see cref="SetLayerStatus"/>), one batch per article through <see cref="PageEditService"/> like any edit, so the log
/// (one row per article, with its key: the audit trail and the agreement's date filter read it), the caches and open
/// editors see them. A file with a record that matches no article, a span that does not fit its
/// article's text, or an article that already has the user's layer is refused whole before anything is written.
/// </summary>
public sealed class LayerImporter(WorkbenchDbContext db, AnnotationImporter annotations, PageEditService edits)
{
    private const int ShortText = 30;

    public async Task<AnnotationImportOutcome> ImportAsync(int projectId, string sourceName, byte[] bytes, AnnotationFormat? format, string userId, string userName, CancellationToken cancellationToken = default)
    {
        sourceName = PageFiles.SourceName(sourceName);
        var pageIds = await db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        if (pageIds.Count == 0 || !await db.Articles.AnyAsync(a => pageIds.Contains(a.PageId), cancellationToken))
        {
            return await annotations.ImportAsync(projectId, sourceName, bytes, format, ArticleStatus.Draft, userId, cancellationToken);
        }

        if (bytes.Length > PageReader.MaxBytes)
        {
            return Refused(sourceName, Core.CoreText.Format("Import.TooLarge", PageReader.MaxBytes / (1024 * 1024)));
        }

        if (AnnotationImporter.ReadDocument(sourceName, bytes, format, out var document) is { } unreadable)
        {
            return Refused(sourceName, unreadable);
        }

        // The project's articles by joined text, in page order then article order.
        var byText = new Dictionary<string, Queue<(int PageId, ArticleTextMap Map)>>(StringComparer.Ordinal);
        var states = new Dictionary<int, PageState>();
        foreach (var pageId in pageIds)
        {
            if (await PageStore.LoadAsync(db, pageId, cancellationToken) is not { } loaded)
            {
                continue;
            }

            states[pageId] = loaded.State;
            foreach (var article in loaded.State.Articles)
            {
                if (ArticleTexts.Build(loaded.State, article.Key) is { } map)
                {
                    (byText.TryGetValue(map.Text, out var queue) ? queue : byText[map.Text] = new()).Enqueue((pageId, map));
                }
            }
        }

        var labels = await db.Labels.Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        var labelNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in labels)
        {
            labelNames.TryAdd(label.Name, label.Name);
        }

        var newLabels = new List<string>();
        var operations = new List<(int Record, int PageId, List<PageOperation> Steps)>();
        var entities = 0;
        for (var r = 0; r < document.Texts.Count; r++)
        {
            var record = document.Texts[r];
            var text = record.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
            if (!byText.TryGetValue(text, out var queue) || !queue.TryDequeue(out var target))
            {
                return Refused(sourceName, ImportMessages.NoArticleFor(r + 1, Shorten(text)));
            }

            var state = states[target.PageId];
            var article = state.FindArticle(target.Map.ArticleKey)!;
            if (article.LayerOf(userId) is not null)
            {
                return Refused(sourceName, ImportMessages.LayerExists(r + 1, userName));
            }

            var list = new List<PageOperation>();
            operations.Add((r + 1, target.PageId, list));
            var shift = record.Text.Length == text.Length ? null : CrlfShift(record.Text);
            foreach (var span in record.Spans)
            {
                var (start, end) = shift is null ? (span.Start, span.End) : (shift[span.Start], shift[span.End]);
                var expected = text[start..end];
                if (AnchorOf(target.Map, start, atEnd: false) is not { } from || AnchorOf(target.Map, end, atEnd: true) is not { } to
                    || PageText.Slice(state, from, to) is not { Length: > 0 } slice
                    || target.Map.OffsetOf(from) != start || target.Map.OffsetOf(to) != end)
                {
                    return Refused(sourceName, ImportMessages.SpanNotOnLines(span.Start, span.End, span.Label, expected));
                }

                if (span.Label.Length > Entity.MaxLabel)
                {
                    return Refused(sourceName, ImportMessages.LabelTooLong(span.Label, Entity.MaxLabel));
                }

                if (!labelNames.TryGetValue(span.Label, out var label))
                {
                    if (LabelRules.ValidateName(span.Label) is { } problem)
                    {
                        return Refused(sourceName, problem);
                    }

                    label = labelNames[span.Label] = span.Label;
                    newLabels.Add(label);
                }

                list.Add(new AddEntity(label, from, to, slice, EntitySource.Imported, Layer: userId));
                entities++;
            }

            list.Add(new SetLayerStatus(article.Key, Submitted: true, Annotator: userId));
        }

        if (newLabels.Count > 0)
        {
            annotations.AddLabels(projectId, labels, newLabels);
            await db.SaveChangesAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        // Everything was checked above; should the edit path still refuse an article (edited meanwhile), the articles before
        // it keep their layers and the refusal names the record.
        var done = 0;
        foreach (var (record, pageId, list) in operations)
        {
            var version = await db.Pages.Where(p => p.Id == pageId).Select(p => p.Version).FirstAsync(cancellationToken);
            var (outcome, _) = await edits.ApplyAsync(pageId, userId, userName, ProjectRole.Annotator, version, new Batch(list), cancellationToken: cancellationToken);
            if (!outcome.Accepted)
            {
                return Refused(sourceName, ImportMessages.RecordRefused(record, done, outcome.Reason ?? outcome.Code ?? ""));
            }

            done++;
        }

        var message = ImportMessages.ImportedLayer(sourceName, userName, document.Texts.Count, entities)
            + (newLabels.Count > 0 ? ImportMessages.NewLabels(newLabels) : "")
            + (document.NotImported.Count > 0 ? ImportMessages.NotImported(document.NotImported) : "");
        return new(new ImportOutcome(sourceName, ImportStatus.Imported, message, null, document.Texts.Count), newLabels);
    }

    /// <summary>
    /// The line anchor of offset <paramref name="offset"/> of the article's joined text: the line whose mapped range holds
    /// it (a start on the line whose text follows, an end on the line whose text precedes), or null when no line does.
    /// </summary>
    private static Anchor? AnchorOf(ArticleTextMap map, int offset, bool atEnd)
    {
        foreach (var (line, span) in map.Lines.OrderBy(l => l.Value.TextStart))
        {
            var inside = atEnd
                ? offset > span.TextStart && offset <= span.TextStart + span.Length
                : offset >= span.TextStart && offset < span.TextStart + span.Length;
            if (inside)
            {
                return new Anchor(line, span.SourceStart + offset - span.TextStart);
            }
        }

        return null;
    }

    /// <summary>For a text with CRLF: each UTF-16 offset's offset once every \r before \n is dropped (as the import does).</summary>
    private static int[] CrlfShift(string text)
    {
        var shift = new int[text.Length + 1];
        var dropped = 0;
        for (var i = 0; i < text.Length; i++)
        {
            shift[i] = i - dropped;
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                dropped++;
            }
        }

        shift[text.Length] = text.Length - dropped;
        return shift;
    }

    private static string Shorten(string text)
    {
        var runes = text.EnumerateRunes().Select(r => r.Value is '\n' or '\r' or '\t' ? " " : r.ToString()).ToList();
        return runes.Count > ShortText ? string.Concat(runes.Take(ShortText)) + "…" : string.Concat(runes);
    }

    private static AnnotationImportOutcome Refused(string sourceName, string reason) =>
        new(new ImportOutcome(sourceName, ImportStatus.Rejected, ImportMessages.Refused(sourceName, reason)), []);
}
