using System.Globalization;

namespace Workbench.Core.Editing;

/// <summary>Every user-facing sentence of the editing operations, in the current UI language (Resources/CoreMessages.resx).</summary>
public static class EditMessages
{
    public static string ArticleApproved => CoreText.Get("Edit.ArticleApproved");
    public static string ArticleMissing => CoreText.Get("Edit.ArticleMissing");
    public static string ArticleKeyInUse => CoreText.Get("Edit.ArticleKeyInUse");
    public static string LineMissing => CoreText.Get("Edit.LineMissing");
    public static string LineStale => CoreText.Get("Edit.LineStale");
    public static string LineBreakInText => CoreText.Get("Edit.LineBreakInText");
    public static string TitleStale => CoreText.Get("Edit.TitleStale");
    public static string StatusStale => CoreText.Get("Edit.StatusStale");
    public static string UnknownStatus => CoreText.Get("Edit.UnknownStatus");
    public static string UnknownRole => CoreText.Get("Edit.UnknownRole");
    public static string SplitLineNotInArticle => CoreText.Get("Edit.SplitLineNotInArticle");
    public static string SplitAtStart => CoreText.Get("Edit.SplitAtStart");
    public static string MergeIntoItself => CoreText.Get("Edit.MergeIntoItself");
    public static string BadLineRange => CoreText.Get("Edit.BadLineRange");
    public static string LinesInSeveralArticles => CoreText.Get("Edit.LinesInSeveralArticles");
    public static string LinesAlreadyThere => CoreText.Get("Edit.LinesAlreadyThere");
    public static string BadBlockOrder => CoreText.Get("Edit.BadBlockOrder");
    public static string BlockMissing => CoreText.Get("Edit.BlockMissing");
    public static string BadBlocks => CoreText.Get("Edit.BadBlocks");
    public static string NoBlocks => CoreText.Get("Edit.NoBlocks");
    public static string BlocksTakeOtherLines => CoreText.Get("Edit.BlocksTakeOtherLines");
    public static string BadIndex => CoreText.Get("Edit.BadIndex");
    public static string EntityMissing => CoreText.Get("Edit.EntityMissing");
    public static string EntityKeyInUse => CoreText.Get("Edit.EntityKeyInUse");
    public static string LabelStale => CoreText.Get("Edit.LabelStale");
    public static string EmptyLabel => CoreText.Get("Edit.EmptyLabel");
    public static string EntityBadRange => CoreText.Get("Edit.EntityBadRange");
    public static string EntityEmpty => CoreText.Get("Edit.EntityEmpty");
    public static string EntityEdgesOnLineBreak => CoreText.Get("Edit.EntityEdgesOnLineBreak");
    public static string EntityTextMismatch => CoreText.Get("Edit.EntityTextMismatch");
    public static string EntityNotInOneArticle => CoreText.Get("Edit.EntityNotInOneArticle");
    public static string EntityDuplicate => CoreText.Get("Edit.EntityDuplicate");
    public static string EntityWouldCross => CoreText.Get("Edit.EntityWouldCross");
    public static string EntityRemovedByEdit => CoreText.Get("Edit.EntityRemovedByEdit");
    public static string ArticleRemovedEmpty => CoreText.Get("Edit.ArticleRemovedEmpty");
    public static string LayerEntityWouldCross => CoreText.Get("Edit.LayerEntityWouldCross");
    public static string LayerEntityRemovedByEdit => CoreText.Get("Edit.LayerEntityRemovedByEdit");
    public static string LayerSubmitted => CoreText.Get("Edit.LayerSubmitted");
    public static string LayerAlreadySubmitted => CoreText.Get("Edit.LayerAlreadySubmitted");
    public static string LayerNotSubmitted => CoreText.Get("Edit.LayerNotSubmitted");
    public static string OtherLayerTouched => CoreText.Get("Edit.OtherLayerTouched");
    public static string LayersAllSubmitted => CoreText.Get("Edit.LayersAllSubmitted");

    /// <summary>"The change is incomplete: {0} is missing." — {0} is one of <see cref="Missing"/>'s names, never an English literal.</summary>
    public static string MissingValue => CoreText.Get("Edit.MissingValue");

    /// <summary>The names of the parts an operation can lack, in the UI language (arguments of <see cref="MissingValue"/>).</summary>
    public static class Missing
    {
        public static string Operation => CoreText.Get("Missing.Operation");
        public static string NewText => CoreText.Get("Missing.NewText");
        public static string Article => CoreText.Get("Missing.Article");
        public static string EntityText => CoreText.Get("Missing.EntityText");
        public static string EntitySource => CoreText.Get("Missing.EntitySource");
        public static string Title => CoreText.Get("Missing.Title");
        public static string Annotator => CoreText.Get("Missing.Annotator");
    }

    public static string NotATransition => CoreText.Get("Edit.NotATransition");
    public static string TooManySteps => CoreText.Get("Edit.TooManySteps");
    public static string TitleTooLong => CoreText.Get("Edit.TitleTooLong");
    public static string LineTooLong => CoreText.Get("Edit.LineTooLong");
    public static string LabelTooLong => CoreText.Get("Edit.LabelTooLong");
    public static string AssigneeTooLong => CoreText.Get("Edit.AssigneeTooLong");

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
