namespace Workbench.Web.Import;

public enum ImportStatus
{
    Imported,
    Duplicate,
    Rejected,
}

/// <summary>What happened to one file: imported (with its page), skipped as a duplicate, or refused with the reason.</summary>
public sealed record ImportOutcome(string SourceName, ImportStatus Status, string Message, int? PageId = null, int ArticleCount = 0);
