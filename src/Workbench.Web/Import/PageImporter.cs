using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Web.Data;

namespace Workbench.Web.Import;

/// <summary>
/// Reads, segments and stores page files. A refused file stores nothing; a file whose SHA-256 is already in the
/// project is skipped, never duplicated.
/// </summary>
public sealed class PageImporter(WorkbenchDbContext db, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public static readonly string[] Extensions = [".txt", ".md", ".markdown"];

    public async Task<ImportOutcome> ImportAsync(int projectId, string sourceName, byte[] bytes, SourceFormat? format = null, PageMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        sourceName = Path.GetFileName(sourceName);
        if (sourceName.Length > Page.MaxSourceName)
        {
            sourceName = sourceName[^Page.MaxSourceName..];
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = await db.Pages.AsNoTracking()
            .Where(p => p.ProjectId == projectId && p.Sha256 == sha)
            .Select(p => new { p.Id, p.SourceName })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return new ImportOutcome(sourceName, ImportStatus.Duplicate, $"{sourceName}: already in this project as {existing.SourceName}; skipped.", existing.Id);
        }

        SourcePage source;
        try
        {
            source = PageReader.Read(sourceName, bytes, format);
        }
        catch (PageRejectedException e)
        {
            return new ImportOutcome(sourceName, ImportStatus.Rejected, e.Message);
        }

        var segmentation = Segmenter.Segment(source);
        var state = PageStates.FromSegmentation(segmentation);
        metadata ??= PageMetadata.FromFileName(sourceName);
        var page = new Page
        {
            ProjectId = projectId,
            SourceName = sourceName,
            Format = source.Format,
            Sha256 = sha,
            Publication = metadata.Publication,
            IssueDate = metadata.IssueDate,
            PageNumber = metadata.PageNumber,
            ImportedAt = clock.GetUtcNow(),
        };
        PageStore.Fill(page, state, segmentation);
        db.Pages.Add(page);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Pages.AnyAsync(p => p.ProjectId == projectId && p.Sha256 == sha, cancellationToken))
            {
                throw;
            }

            // Another import of the same file won the race; the unique index kept the project free of duplicates.
            return new ImportOutcome(sourceName, ImportStatus.Duplicate, $"{sourceName}: already in this project; skipped.");
        }

        return new ImportOutcome(sourceName, ImportStatus.Imported, $"{sourceName}: imported, {page.Articles.Count} articles from {page.Lines.Count} lines.", page.Id, page.Articles.Count);
    }

    /// <summary>Imports every page file of the given paths (files or folders, recursively), in a stable order.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }
}
