using System.Globalization;

namespace Workbench.Core.Editing;

/// <summary>Every user-facing sentence of the editing operations, in one place.</summary>
public static class EditMessages
{
    public const string ArticleApproved = "Article {0} is approved; a reviewer must reopen it before it can be edited.";
    public const string ArticleMissing = "Article {0} does not exist (it may have been merged or removed).";
    public const string ArticleKeyInUse = "Article {0} already exists.";
    public const string LineMissing = "Line {0} does not exist on this page.";
    public const string LineStale = "Line {0} changed since you loaded it; your edit was not applied.";
    public const string LineBreakInText = "A line cannot contain a line break; edit one line at a time.";
    public const string TitleStale = "The title of article {0} changed since you loaded it; your edit was not applied.";
    public const string StatusStale = "The status of article {0} changed since you loaded it; your change was not applied.";
    public const string UnknownStatus = "That is not a known article status.";
    public const string UnknownRole = "That is not a known block role.";
    public const string SplitLineNotInArticle = "Line {1} is not in article {0}, so the article cannot be split there.";
    public const string SplitAtStart = "Article {0} has no lines before line {1}; there is nothing to split off.";
    public const string MergeIntoItself = "An article cannot be merged into itself.";
    public const string BadLineRange = "Lines {0}–{1} are not a valid range on this page.";
    public const string LinesInSeveralArticles = "Lines {0}–{1} belong to more than one article; move them one article at a time.";
    public const string LinesAlreadyThere = "Lines {0}–{1} are already in article {2}.";
    public const string BadBlockOrder = "The new block order must list every block of article {0} exactly once.";
    public const string BlockMissing = "Article {0} has no block {1}.";
    public const string BadBlocks = "The blocks for article {0} overlap, run backwards or name lines that do not exist.";
    public const string NoBlocks = "An article needs at least one block.";
    public const string BlocksTakeOtherLines = "Line {1} belongs to article {2}, so it cannot be given to article {0}.";
    public const string BadIndex = "Position {0} is outside the list of articles.";
    public const string EntityMissing = "Entity {0} does not exist (it may have been removed).";
    public const string EntityKeyInUse = "Entity {0} already exists.";
    public const string LabelStale = "The label of entity {0} changed since you loaded it; your change was not applied.";
    public const string EmptyLabel = "An entity needs a label.";
    public const string EntityBadRange = "That range is not on the page or splits a character.";
    public const string EntityEmpty = "An entity must cover at least one character.";
    public const string EntityEdgesOnLineBreak = "An entity must start and end on text, not on a line break.";
    public const string EntityTextMismatch = "The text at that position changed since you loaded it; the entity was not added.";
    public const string EntityNotInOneArticle = "An entity must lie within one article.";
    public const string EntityDuplicate = "That text is already tagged {0}.";
    public const string EntityWouldCross = "That would leave entity {0} “{1}” split across articles; remove it or move all its lines together.";
    public const string EntityRemovedByEdit = "Entity {0} {1} removed: its text was deleted.";
    public const string ArticleRemovedEmpty = "Article {0} was removed: it had no lines left.";

    public const string MissingValue = "The change is incomplete: {0} is missing.";

    public static string Format(string message, params object?[] args) => string.Format(CultureInfo.InvariantCulture, message, args);

    /// <summary>At most <paramref name="max"/> characters of <paramref name="text"/> (never splitting a surrogate pair), with “…” when cut.</summary>
    public static string Shorten(string text, int max = 40)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
