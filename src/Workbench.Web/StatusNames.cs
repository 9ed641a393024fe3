using Workbench.Core.Editing;

namespace Workbench.Web;

/// <summary>How statuses read in the UI, in the current UI language (Core's CoreMessages resources).</summary>
public static class StatusNames
{
    public static string Of(ArticleStatus status) => PageEditor.StatusWords(status);
}
