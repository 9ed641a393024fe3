using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Pages;
using Workbench.Web.Data;

namespace Workbench.Web.Import;

/// <summary>What every kind of import does with a file before and after reading it: name, fingerprint, duplicate check, page row.</summary>
internal static class PageFiles
{
    /// <summary>The file's own name, without folders, cut to what a page row holds (keeping the end, where the extension is).</summary>
    public static string SourceName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        return name.Length > Page.MaxSourceName ? name[^Page.MaxSourceName..] : name;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The outcome for a file whose bytes are already in the project, or null when they are new there.</summary>
    public static async Task<ImportOutcome?> DuplicateAsync(WorkbenchDbContext db, int projectId, string sourceName, string sha, CancellationToken cancellationToken) =>
        (await ExistingAsync(db, projectId, [sha], cancellationToken)).TryGetValue(sha, out var existing) ? Duplicate(sourceName, existing) : null;

    /// <summary>The project's pages (id and source name) holding any of these SHA-256s, by SHA-256: one query for a whole batch.</summary>
    public static async Task<Dictionary<string, (int Id, string SourceName)>> ExistingAsync(WorkbenchDbContext db, int projectId, IReadOnlyCollection<string> shas, CancellationToken cancellationToken)
    {
        var existing = await db.Pages.AsNoTracking()
            .Where(p => p.ProjectId == projectId && shas.Contains(p.Sha256))
            .Select(p => new { p.Id, p.SourceName, p.Sha256 })
            .ToListAsync(cancellationToken);
        return existing.DistinctBy(p => p.Sha256).ToDictionary(p => p.Sha256, p => (p.Id, p.SourceName), StringComparer.Ordinal);
    }

    public static ImportOutcome Duplicate(string sourceName, (int Id, string SourceName) existing) =>
        new(sourceName, ImportStatus.Duplicate, ImportMessages.DuplicateOf(sourceName, existing.SourceName), existing.Id);

    public static Page NewPage(int projectId, string sourceName, SourceFormat format, string sha, PageMetadata metadata, DateTimeOffset importedAt) => new()
    {
        ProjectId = projectId,
        SourceName = sourceName,
        Format = format,
        Sha256 = sha,
        Publication = metadata.Publication,
        IssueDate = metadata.IssueDate,
        PageNumber = metadata.PageNumber,
        ImportedAt = importedAt,
    };
}
