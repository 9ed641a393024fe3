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
    public static async Task<ImportOutcome?> DuplicateAsync(WorkbenchDbContext db, int projectId, string sourceName, string sha, CancellationToken cancellationToken)
    {
        var existing = await db.Pages.AsNoTracking()
            .Where(p => p.ProjectId == projectId && p.Sha256 == sha)
            .Select(p => new { p.Id, p.SourceName })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null
            ? null
            : new ImportOutcome(sourceName, ImportStatus.Duplicate, ImportMessages.DuplicateOf(sourceName, existing.SourceName), existing.Id);
    }

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
