using System.Collections.Immutable;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using EntityState = Workbench.Core.Editing.EntityState;
using Workbench.Core.Export;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Core.Tagging;
using Workbench.Web.Data;

namespace Workbench.Web.Import;

/// <summary>What an annotation import did, and the labels it added to the project.</summary>
public sealed record AnnotationImportOutcome(ImportOutcome Outcome, IReadOnlyList<string> NewLabels);

/// <summary>
/// Stores an annotation file (ner-jsonl, doccano, CLUENER, CoNLL, Label Studio) as one page of a project:
/// <list type="bullet">
/// <item>each record's text becomes page lines (split on \n; a \r before it is dropped, so CRLF becomes a plain line
/// break and offsets shift with it), records one after another;</item>
/// <item>each record becomes one article with an empty title and one body block per line, so the exported article text
/// (blocks joined with \n) is the record text again, as long as its lines have no leading or trailing whitespace and
/// no blank lines (those the article text join drops);</item>
/// <item>spans become entities (source imported) anchored in line coordinates, each checked with
/// <see cref="PageText.Slice"/> against the span's text;</item>
/// <item>labels the project lacks are added (display name = name, colour from <see cref="Palette"/>, the lowest free
/// hotkey or none); a label equal to a project label ignoring case takes the project's spelling.</item>
/// </list>
/// A file with any problem stores nothing (one transaction) and is reported with its line (or task) and reason. A file whose
/// SHA-256 is already in the project is skipped. With status approved the articles are gold: approved at version 0
/// (no operation has happened yet) and their entities written to the project's gazetteer. What the file carried that is not
/// imported (relations, Prodigy's rejected records, Label Studio's other annotations, predictions and non-span results) is
/// counted in the outcome; the relations also on the page (<see cref="Page.RelationsNotImported"/>), for the export manifest.
/// </summary>
public sealed class AnnotationImporter(WorkbenchDbContext db, TimeProvider? clock = null)
{
    /// <summary>Colours for added labels, in order; the first one no project label uses is taken (cycling when all are).</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#e69f00", "#56b4e9", "#f0e442", "#882255", "#44aa99", "#117733", "#332288", "#aa4499", "#999933", "#661100", "#6699cc", "#888888"];

    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <param name="annotator">
    /// Independent annotation (issue #19): the user id whose entity layer the spans become, each article getting that
    /// layer submitted (an imported double annotation is finished); null: the spans are gold, as always.
    /// </param>
    public async Task<AnnotationImportOutcome> ImportAsync(int projectId, string sourceName, byte[] bytes, AnnotationFormat? format, ArticleStatus status = ArticleStatus.Draft, string? annotator = null, CancellationToken cancellationToken = default)
    {
        sourceName = PageFiles.SourceName(sourceName);
        if (status is not (ArticleStatus.Draft or ArticleStatus.Approved))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "annotations are imported as draft or approved");
        }

        if (bytes.Length > PageReader.MaxBytes)
        {
            return Refused(sourceName, Core.CoreText.Format("Import.TooLarge", PageReader.MaxBytes / (1024 * 1024)));
        }

        var sha = PageFiles.Sha256(bytes);
        if (await PageFiles.DuplicateAsync(db, projectId, sourceName, sha, cancellationToken) is { } duplicate)
        {
            return new(duplicate, []);
        }

        if (ReadDocument(sourceName, bytes, format, out var document) is { } unreadable)
        {
            return Refused(sourceName, unreadable);
        }

        var labels = await db.Labels.Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        var labelNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in labels)
        {
            labelNames.TryAdd(label.Name, label.Name);
        }

        var newLabels = new List<string>();
        PageState state;
        try
        {
            state = Build(document, status, name =>
            {
                if (labelNames.TryGetValue(name, out var known))
                {
                    return known;
                }

                if (LabelRules.ValidateName(name) is { } problem)
                {
                    throw new AnnotationImportException(0, problem);
                }

                labelNames[name] = name;
                newLabels.Add(name);
                return name;
            });
        }
        catch (AnnotationImportException e)
        {
            return Refused(sourceName, e.Message);
        }

        if (annotator is not null)
        {
            state = AsLayer(state, annotator);
        }

        var page = PageFiles.NewPage(projectId, sourceName, SourceFormat.Text, sha, PageMetadata.FromFileName(sourceName), clock.GetUtcNow());
        PageStore.Fill(page, state);
        page.RelationsNotImported = document.Relations;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            AddLabels(projectId, labels, newLabels);
            db.Pages.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            if (status == ArticleStatus.Approved)
            {
                var owners = state.LineOwners();
                foreach (var entity in state.Entities)
                {
                    if (entity.Text.Length <= GazetteerTerm.MaxText && owners.TryGetValue(entity.Start.Line, out var key))
                    {
                        db.GazetteerTerms.Add(new GazetteerTerm { ProjectId = projectId, PageId = page.Id, ArticleKey = key, Text = entity.Text, Label = entity.Label });
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (!await db.Pages.AnyAsync(p => p.ProjectId == projectId && p.Sha256 == sha, cancellationToken))
            {
                throw;
            }

            return new(new ImportOutcome(sourceName, ImportStatus.Duplicate, ImportMessages.Duplicate(sourceName)), []);
        }

        db.ChangeTracker.Clear();
        var message = new StringBuilder(ImportMessages.ImportedAnnotations(sourceName, status == ArticleStatus.Approved, page.Articles.Count, page.Entities.Count, page.Lines.Count));
        if (newLabels.Count > 0)
        {
            message.Append(ImportMessages.NewLabels(newLabels));
        }

        if (document.NotImported.Count > 0)
        {
            message.Append(ImportMessages.NotImported(document.NotImported));
        }

        return new(new ImportOutcome(sourceName, ImportStatus.Imported, message.ToString(), page.Id, page.Articles.Count), newLabels);
    }

    /// <summary>
    /// The page state of an imported document (see the class remarks). <paramref name="labelOf"/> maps a span label to
    /// the label stored. Throws <see cref="AnnotationImportException"/> naming the 1-based record on any problem.
    /// </summary>
    public static PageState Build(ImportedDocument document, ArticleStatus status, Func<string, string> labelOf)
    {
        var lines = ImmutableSortedDictionary.CreateBuilder<int, LineState>();
        var articles = ImmutableList.CreateBuilder<ArticleState>();
        var entities = ImmutableList.CreateBuilder<EntityState>();
        var nextLine = 1;
        var nextEntity = 1;
        for (var r = 0; r < document.Texts.Count; r++)
        {
            var record = r + 1;
            var text = document.Texts[r];
            var starts = new List<int>();
            var lengths = new List<int>();
            var own = ImmutableSortedDictionary.CreateBuilder<int, LineState>();
            var firstLine = nextLine;
            var position = 0;
            foreach (var piece in text.Text.Split('\n'))
            {
                var line = piece.EndsWith('\r') ? piece[..^1] : piece;
                starts.Add(position);
                lengths.Add(line.Length);
                own[nextLine] = lines[nextLine] = new LineState(nextLine, line, line);
                nextLine++;
                position += piece.Length + 1;
            }

            var blocks = Enumerable.Range(firstLine, nextLine - firstLine).Select(n => new BlockState(BlockRole.Body, n, n)).ToImmutableList();
            articles.Add(new ArticleState(record, "", status, blocks));
            var built = new PageState(0, own.ToImmutable(), [], [], 1, 1);
            foreach (var span in text.Spans)
            {
                var start = AnchorOf(starts, lengths, firstLine, span.Start);
                var end = AnchorOf(starts, lengths, firstLine, span.End);
                var expected = text.Text[span.Start..span.End].Replace("\r\n", "\n", StringComparison.Ordinal);
                var slice = PageText.Slice(built, start, end);
                if (slice is null || slice.Length == 0 || !string.Equals(slice, expected, StringComparison.Ordinal))
                {
                    throw new AnnotationImportException(record, ImportMessages.SpanNotOnLines(span.Start, span.End, span.Label, expected));
                }

                if (span.Label.Length > Entity.MaxLabel)
                {
                    throw new AnnotationImportException(record, ImportMessages.LabelTooLong(span.Label, Entity.MaxLabel));
                }

                string label;
                try
                {
                    label = labelOf(span.Label);
                }
                catch (AnnotationImportException e)
                {
                    throw new AnnotationImportException(record, e.Reason);
                }

                entities.Add(new EntityState(nextEntity++, label, start, end, slice, EntitySource.Imported));
            }
        }

        return new PageState(0, lines.ToImmutable(), articles.ToImmutable(), entities.ToImmutable(), document.Texts.Count + 1, nextEntity);
    }

    /// <summary>Every entity of <paramref name="state"/> in <paramref name="annotator"/>'s layer, and that layer submitted on every article.</summary>
    public static PageState AsLayer(PageState state, string annotator) => state with
    {
        Entities = state.Entities.ConvertAll(e => e with { Layer = annotator }),
        Articles = state.Articles.ConvertAll(a => a with { Layers = [new LayerState(annotator, Submitted: true)] }),
    };

    /// <summary>A UTF-16 offset of a record's text as an anchor: the line holding it, clamped before a dropped \r.</summary>
    private static Anchor AnchorOf(List<int> starts, List<int> lengths, int firstLine, int offset)
    {
        var index = starts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return new Anchor(firstLine + index, Math.Min(offset - starts[index], lengths[index]));
    }

    internal void AddLabels(int projectId, List<Label> existing, List<string> names)
    {
        var usedColors = existing.Select(l => l.Color.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var usedKeys = existing.Where(l => !l.Retired && l.Hotkey is not null).Select(l => l.Hotkey!.Value).ToHashSet();
        var ordinal = existing.Count == 0 ? 0 : existing.Max(l => l.Ordinal) + 1;
        var cycle = 0;
        foreach (var name in names)
        {
            var color = Palette.FirstOrDefault(c => !usedColors.Contains(c)) ?? Palette[cycle++ % Palette.Count];
            usedColors.Add(color);
            int? hotkey = Enumerable.Range(1, 9).Cast<int?>().FirstOrDefault(k => !usedKeys.Contains(k!.Value));
            if (hotkey is { } key)
            {
                usedKeys.Add(key);
            }

            db.Labels.Add(new Label { ProjectId = projectId, Name = name, DisplayName = name, Color = color, Hotkey = hotkey, Ordinal = ordinal++ });
        }
    }

    /// <summary>Reads an annotation file (format by content when <paramref name="format"/> is null); the refusal, or null with the document.</summary>
    internal static string? ReadDocument(string sourceName, byte[] bytes, AnnotationFormat? format, out ImportedDocument document)
    {
        try
        {
            document = AnnotationImport.Read(sourceName, bytes, format);
        }
        catch (AnnotationImportException e)
        {
            document = null!;
            return e.Message;
        }

        return document.Texts.Count == 0 ? ImportMessages.NoRecords : null;
    }

    private static AnnotationImportOutcome Refused(string sourceName, string reason) =>
        new(new ImportOutcome(sourceName, ImportStatus.Rejected, ImportMessages.Refused(sourceName, reason)), []);
}
