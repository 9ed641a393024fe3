namespace Workbench.Web.Review;

/// <summary>Small display rules shared by the review pages.</summary>
public static class Display
{
    private static readonly Core.ResourceText Shared = new("Workbench.Web.Resources.SharedResource", typeof(Display).Assembly);

    public static string Untitled => Shared.Get("(untitled)");

    /// <summary>Means "unassign" in assignment forms, where an empty value means "nothing chosen yet".</summary>
    public const string Nobody = "none";

    public static string Title(string? title) => string.IsNullOrWhiteSpace(title) ? Untitled : title;
}
