using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Web.Continuation;
using Workbench.Web.Data;

namespace Workbench.Web.Import;

/// <summary>A page file of a batch import: its name, its bytes, and where its image may be found (null: none).</summary>
public sealed record PageFile(string Name, byte[] Bytes, ImageLookup? Lookup = null);

/// <summary>
/// The one page-import path, for one file or many: a batch costs one duplicate query and one segmenter look-up, reads and segments
/// its files on every core, ahead of the writer, and writes several pages per transaction, each transaction
/// bounded by <see cref="GroupRows"/> rows so no import holds the write lock for long. Each file's outcomes are
/// those importing the files one by one, in order, would give.
/// </summary>
public sealed partial class PageImporter
{
    /// <summary>Files read and segmented ahead of the one being written at most: enough to keep every core busy, few enough that the pages in memory stay modest.</summary>
    private const int AheadFiles = 64;

    /// <summary>
    /// Rows of several pages written in one transaction. Fewer than <see cref="PageRowWriter.BatchRows"/>: on a busy machine the
    /// writer shares the cores with the parsing of the files ahead, and a transaction holds SQLite's write lock the whole time.
    /// </summary>
    internal const int GroupRows = 1000;

    /// <summary>Page files into a project; per file, its outcomes (the page's, then its image's if any), in the files' order.</summary>
    /// <param name="encoding">How to read text pages that are not UTF-8 (see <see cref="TextEncodings"/>); a page keeps the original bytes' SHA-256.</param>
    public async Task<IReadOnlyList<IReadOnlyList<ImportOutcome>>> ImportManyAsync(int projectId, IReadOnlyList<PageFile> files, SourceFormat? format = null, TextEncoding encoding = TextEncoding.Utf8, CancellationToken cancellationToken = default)
    {
        var segmenter = await SegmenterForAsync(projectId, cancellationToken);
        return await ImportPagesAsync(projectId, [.. files.Select(f => new PageInput(f.Name, f.Bytes, name => PageReader.Read(name, TextEncodings.ToUtf8(name, f.Bytes, encoding), format), segmenter, Lookup: f.Lookup))], cancellationToken);
    }

    /// <summary>One page file to import and how: its reader and segmenter, and what a METS issue adds (metadata, issue, item types).</summary>
    private sealed record PageInput(string Name, byte[] Bytes, Func<string, SourcePage> Read, Func<SourcePage, PageSegmentation> Segment, PageMetadata? Metadata = null, string? IssueKey = null, ImageLookup? Lookup = null, IReadOnlyDictionary<string, string>? ItemTypes = null);

    /// <summary>A file read and segmented, ready to write, or its refusal.</summary>
    private sealed record PreparedPage(int Index, ImportOutcome? Refusal, Page? Page = null, PageState? State = null, SourcePage? Source = null);

    private async Task<IReadOnlyList<ImportOutcome>[]> ImportPagesAsync(int projectId, IReadOnlyList<PageInput> inputs, CancellationToken cancellationToken)
    {
        var names = inputs.Select(i => PageFiles.SourceName(i.Name)).ToArray();
        var shas = new string[inputs.Count];
        Parallel.For(0, inputs.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => shas[i] = PageFiles.Sha256(inputs[i].Bytes));
        var existing = await PageFiles.ExistingAsync(db, projectId, shas.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

        // The same bytes twice in the batch: the later file waits for a second round, where the first one's page (if it was
        // imported) makes it a duplicate, as importing one by one would.
        var firstOfSha = new HashSet<string>(StringComparer.Ordinal);
        var later = Enumerable.Range(0, inputs.Count).Where(i => !existing.ContainsKey(shas[i]) && !firstOfSha.Add(shas[i])).ToList();
        var batch = new Batch(inputs, names, shas, new ImportOutcome?[inputs.Count], [.. inputs.Select(_ => new List<ImportOutcome>())]);
        var toRead = Enumerable.Range(0, inputs.Count).Where(i => !existing.ContainsKey(shas[i])).Except(later).ToList();
        using (var ahead = new PrepareAhead<PreparedPage>(toRead.Count, j => Prepare(projectId, batch, toRead[j]), AheadFiles))
        {
            await WriteInOrderAsync(batch, existing, toRead, ahead, cancellationToken);
        }

        if (later.Count > 0)
        {
            var again = await ImportPagesAsync(projectId, [.. later.Select(i => inputs[i])], cancellationToken);
            for (var j = 0; j < later.Count; j++)
            {
                batch.Outcomes[later[j]] = again[j][0];
                batch.Extra[later[j]].AddRange(again[j].Skip(1));
            }
        }

        return [.. Enumerable.Range(0, inputs.Count).Select(i => (IReadOnlyList<ImportOutcome>)[batch.Outcomes[i]!, .. batch.Extra[i]])];
    }

    private sealed record Batch(IReadOnlyList<PageInput> Inputs, string[] Names, string[] Shas, ImportOutcome?[] Outcomes, List<ImportOutcome>[] Extra);

    /// <summary>Reads and segments a file: pure work, no database (run on every core, see <see cref="PrepareAhead{T}"/>).</summary>
    private PreparedPage Prepare(int projectId, Batch batch, int index)
    {
        var (input, sourceName) = (batch.Inputs[index], batch.Names[index]);
        SourcePage source;
        try
        {
            source = input.Read(sourceName);
        }
        catch (PageRejectedException e)
        {
            return new(index, new ImportOutcome(sourceName, ImportStatus.Rejected, e.Message));
        }

        if (source.Lines.Count > MaxLines)
        {
            return new(index, new ImportOutcome(sourceName, ImportStatus.Rejected, ImportMessages.Refused(sourceName, ImportMessages.TooManyLines(source.Lines.Count, MaxLines))));
        }

        var segmentation = input.Segment(source);
        var state = PageStates.FromSegmentation(segmentation);
        var page = PageFiles.NewPage(projectId, sourceName, source.Format, batch.Shas[index], input.Metadata ?? PageMetadata.FromFileName(sourceName), clock.GetUtcNow());
        PageStore.Fill(page, state, segmentation);
        foreach (var article in page.Articles.Where(a => a.ExternalId is not null))
        {
            article.ItemType = input.ItemTypes?.GetValueOrDefault(article.ExternalId!);
        }

        page.IssueKey = input.IssueKey;
        page.Segmentation = !segmentation.Articles.Any(a => a.ExternalId is not null) ? SegmentationSource.Automatic
            : input.IssueKey is not null ? SegmentationSource.Mets : SegmentationSource.PageXml;
        return new(index, null, page, state, source);
    }

    /// <summary>The files in order: duplicates get a late image, refusals their outcome, new pages their image and a place in a write.</summary>
    private async Task WriteInOrderAsync(Batch batch, Dictionary<string, (int Id, string SourceName)> existing, List<int> toRead, PrepareAhead<PreparedPage> ahead, CancellationToken cancellationToken)
    {
        var taken = 0;
        var group = new List<(PreparedPage Prepared, PreparedImage? Image)>();
        var groupRows = 0;
        for (var index = 0; index < batch.Inputs.Count; index++)
        {
            var (input, sourceName) = (batch.Inputs[index], batch.Names[index]);
            if (existing.TryGetValue(batch.Shas[index], out var duplicate))
            {
                batch.Outcomes[index] = PageFiles.Duplicate(sourceName, duplicate);

                // Importing the same OCR again with its scan beside it gives the existing page the scan.
                if (input.Lookup is not null && PrepareImage(input.Lookup(sourceName, null), batch.Extra[index]) is { } late)
                {
                    batch.Extra[index].Add(await AttachImageAsync(duplicate.Id, late, cancellationToken));
                }

                continue;
            }

            if (taken == toRead.Count || toRead[taken] != index)
            {
                continue; // the same bytes as an earlier file of the batch: the next round
            }

            var page = ahead.Take(taken++);

            if (page.Refusal is not null)
            {
                batch.Outcomes[index] = page.Refusal;
                continue;
            }

            var image = input.Lookup is null ? null : PrepareImage(input.Lookup(sourceName, page.Source), batch.Extra[index]);
            if (image is not null)
            {
                page.Page!.Image = await images.SaveAsync(page.Page.ProjectId, image, cancellationToken);
            }

            var rows = PageRowWriter.RowCount(page.Page!);
            if (group.Count > 0 && groupRows + rows > GroupRows)
            {
                await WriteGroupAsync(batch, group, cancellationToken);
                (group, groupRows) = ([], 0);
            }

            group.Add((page, image));
            groupRows += rows;
        }

        if (group.Count > 0)
        {
            await WriteGroupAsync(batch, group, cancellationToken);
        }
    }

    /// <summary>
    /// Pages of at most <see cref="GroupRows"/> rows together in one transaction (a larger page alone, in its own batches).
    /// If another import stored one of the files meanwhile (the unique index refuses the transaction), the pages go again one by one.
    /// </summary>
    private async Task WriteGroupAsync(Batch batch, List<(PreparedPage Prepared, PreparedImage? Image)> group, CancellationToken cancellationToken)
    {
        var writer = new PageRowWriter(db);
        var counts = group.Select(g => (Articles: g.Prepared.Page!.Articles.Count, Lines: g.Prepared.Page.Lines.Count)).ToList();
        var written = new bool[group.Count];
        if (group.Count > 1 || PageRowWriter.RowCount(group[0].Prepared.Page!) <= PageRowWriter.BatchRows)
        {
            try
            {
                await writer.WriteManyAsync([.. group.Select(g => g.Prepared.Page!)], cancellationToken);
                Array.Fill(written, true);
            }
            catch (Exception e) when (IsUniqueViolation(e))
            {
            }
        }

        for (var i = 0; i < group.Count; i++)
        {
            var (prepared, image) = group[i];
            var sourceName = batch.Names[prepared.Index];
            if (!written[i] && await WriteOneAsync(writer, prepared.Page!, sourceName, cancellationToken) is { } raced)
            {
                batch.Outcomes[prepared.Index] = raced;
                continue;
            }

            // The other part of a 下转/上接 marker may have come in an earlier import, or come later: resolve both ways now.
            await ArticleLinks.LinkMarkersAsync(db, prepared.Page!, prepared.State!, clock.GetUtcNow(), cancellationToken);
            var message = ImportMessages.Imported(sourceName, counts[i].Articles, counts[i].Lines);
            if (image is not null)
            {
                message = ImageMessages.ImportedWithImage(message, image.Name, image.Width, image.Height);
            }

            batch.Outcomes[prepared.Index] = new ImportOutcome(sourceName, ImportStatus.Imported, message, prepared.Page!.Id, counts[i].Articles);
        }
    }

    /// <summary>Writes one page; null when written, or the duplicate outcome when another import of the same file won the race.</summary>
    private async Task<ImportOutcome?> WriteOneAsync(PageRowWriter writer, Page page, string sourceName, CancellationToken cancellationToken)
    {
        try
        {
            page.Id = await writer.WriteAsync(page, cancellationToken);
            return null;
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            if (!await db.Pages.IgnoreQueryFilters().AnyAsync(p => p.ProjectId == page.ProjectId && p.Sha256 == page.Sha256, cancellationToken))
            {
                throw;
            }

            // The unique index kept the project free of duplicates.
            return new ImportOutcome(sourceName, ImportStatus.Duplicate, ImportMessages.Duplicate(sourceName));
        }
    }
}
