namespace Workbench.Web.Editing;

/// <summary>User-facing sentences of the server's edit path, in one place for localisation.</summary>
public static class ServerMessages
{
    public const string NoSuchPage = "There is no page {0}.";
    public const string NotMember = "You are not a member of this page's project.";
    public const string NoImage = "This page has no image.";
    public const string Busy = "The page is busy; your change was not applied. Try again.";
    public const string StaleStructure = "The article changed since you loaded it (version {0}, now {1}); reload it and try again.";
    public const string OnlyReviewerReopens = "Only a reviewer or an admin can reopen an approved article.";
    public const string OnlyReviewerDecides = "Only a reviewer or an admin can approve an article or request changes.";
    public const string ReopenNeedsReason = "Say why the article is reopened; the reason goes into the audit trail.";
    public const string ChangesNeedComment = "A request for changes needs a comment saying what to change.";
    public const string NoSelfApproval = "You made the last change to this article, so another reviewer must approve it (an admin can allow self-review for the project).";
    public const string NotATransition = "An article cannot go from {0} to {1}.";
    public const string BadOperation = "The change could not be read; it was not applied.";
    public const string UnknownLabel = "There is no label {0} in this project; choose one of its labels.";
    public const string RetiredLabel = "The label {0} is retired; it stays on existing entities but cannot be given to new ones.";
    public const string NothingToTag = "Give the text to tag and a label.";
    public const string NoOccurrences = "No untagged occurrence of \"{0}\" to tag as {1}.";
    public const string EmptyComment = "Write a comment first.";
    public const string CommentTooLong = "A comment can be at most {0} characters.";
    public const string NoSuchArticle = "There is no article {0} on this page.";
    public const string LinkOtherPageMissing = "There is no page {0} in this project to link to.";
    public const string LinkSamePage = "An article continues on another page; pick an article on a different page.";
    public const string LinkOtherArticleMissing = "There is no article {1} on page {0}.";
    public const string LinkOtherApproved = "Article {1} on page {0} is approved; reopen it before linking.";
    public const string LinkExists = "These articles are already linked.";
    public const string LinkMissing = "These articles are not linked.";
    public const string OnlyReviewerAssigns = "Only a reviewer or an admin can assign articles.";
}
