namespace Workbench.Web.Editing;

/// <summary>User-facing sentences of the server's edit path, in the current UI language (Resources/Editing/ServerMessages.resx).</summary>
public static class ServerMessages
{
    private static readonly Core.ResourceText Text = new("Workbench.Web.Resources.Editing.ServerMessages", typeof(ServerMessages).Assembly);

    public static string NoSuchPage => Text.Get("Server.NoSuchPage");

    public static string PageNotFound => Text.Get("Server.PageNotFound");
    public static string NotMember => Text.Get("Server.NotMember");
    public static string Busy => Text.Get("Server.Busy");
    public static string StaleStructure => Text.Get("Server.StaleStructure");
    public static string OnlyReviewerReopens => Text.Get("Server.OnlyReviewerReopens");
    public static string OnlyReviewerDecides => Text.Get("Server.OnlyReviewerDecides");
    public static string ReopenNeedsReason => Text.Get("Server.ReopenNeedsReason");
    public static string ChangesNeedComment => Text.Get("Server.ChangesNeedComment");
    public static string NoSelfApproval => Text.Get("Server.NoSelfApproval");
    public static string BadOperation => Text.Get("Server.BadOperation");
    public static string UnknownLabel => Text.Get("Server.UnknownLabel");
    public static string RetiredLabel => Text.Get("Server.RetiredLabel");
    public static string NothingToTag => Text.Get("Server.NothingToTag");
    public static string NoOccurrences => Text.Get("Server.NoOccurrences");
    public static string EmptyComment => Text.Get("Server.EmptyComment");
    public static string CommentTooLong => Text.Get("Server.CommentTooLong");
    public static string NoSuchArticle => Text.Get("Server.NoSuchArticle");
    public static string OnlyReviewerAssigns => Text.Get("Server.OnlyReviewerAssigns");
    public static string NoImage => Text.Get("Server.NoImage");
    public static string LinkOtherPageMissing => Text.Get("Server.LinkOtherPageMissing");
    public static string LinkSamePage => Text.Get("Server.LinkSamePage");
    public static string LinkOtherArticleMissing => Text.Get("Server.LinkOtherArticleMissing");
    public static string LinkOtherApproved => Text.Get("Server.LinkOtherApproved");
    public static string LinkExists => Text.Get("Server.LinkExists");
    public static string LinkMissing => Text.Get("Server.LinkMissing");
    public static string RestoreNotYours => Text.Get("Server.RestoreNotYours");
    public static string TooManyRejections => Text.Get("Server.TooManyRejections");
    public static string NotIndependent => Text.Get("Server.NotIndependent");
    public static string LayerStatusOnly => Text.Get("Server.LayerStatusOnly");
    public static string NotYourLayer => Text.Get("Server.NotYourLayer");
    public static string HiddenOperation => Text.Get("Server.HiddenOperation");
    public static string CuratorsOnly => Text.Get("Server.CuratorsOnly");
    public static string LayersNotComplete => Text.Get("Server.LayersNotComplete");

    /// <summary>A log entry's description as the history and the audit show it: "Undo: …" / "Redo: …" when it was sent as one.</summary>
    public static string Logged(Data.OperationReplay? replay, string description) => replay switch
    {
        Data.OperationReplay.Undo => Text.Format("Log.Undo", description),
        Data.OperationReplay.Redo => Text.Format("Log.Redo", description),
        _ => description,
    };
}
