namespace Workbench.Web.Review;

/// <summary>Small display rules shared by the review pages.</summary>
public static class Display
{
    public static string Untitled => Localization.SharedText.Static.Get("(untitled)");

    /// <summary>Means "unassign" in assignment forms, where an empty value means "nothing chosen yet".</summary>
    public const string Nobody = "none";

    public static string Title(string? title) => string.IsNullOrWhiteSpace(title) ? Untitled : title;
}
