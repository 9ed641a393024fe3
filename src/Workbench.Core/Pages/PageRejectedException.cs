namespace Workbench.Core.Pages;

/// <summary>A source file that cannot become a page. The message names the file and the reason, ready for a user.</summary>
public sealed class PageRejectedException : Exception
{
    public PageRejectedException(string sourceName, string reason)
        : base(CoreText.Format("Import.Rejected", sourceName, reason))
    {
        SourceName = sourceName;
        Reason = reason;
    }

    public string SourceName { get; }

    public string Reason { get; }
}
