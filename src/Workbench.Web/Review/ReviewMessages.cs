namespace Workbench.Web.Review;

/// <summary>The review workflow's sentences (Resources/Review/ReviewMessages.resx), in the current UI language.</summary>
public static class ReviewMessages
{
    private static readonly Core.ResourceText Text = new("Workbench.Web.Resources.Review.ReviewMessages", typeof(ReviewMessages).Assembly);

    public static string SendBackNeedsComment(int articleKey) => Text.Format("SendBackNeedsComment", articleKey);

    public static string UntouchedNeedsComment(int articleKey) => Text.Format("UntouchedNeedsComment", articleKey);

    public static string Get(string key) => Text.Get(key);

    public static string Format(string key, params object?[] args) => Text.Format(key, args);
}
