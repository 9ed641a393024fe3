using Workbench.Core.Editing;

namespace Workbench.Web;

/// <summary>How statuses read in the UI; one place so localisation can take it over.</summary>
public static class StatusNames
{
    public static string Of(ArticleStatus status) => PageEditor.StatusWords(status);
}
