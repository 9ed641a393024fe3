using Workbench.Core.Segmentation;
using static Workbench.Core.Editing.EditMessages;

namespace Workbench.Core.Editing;

/// <summary>Short English descriptions of operations for history and audit.</summary>
public static class OperationDescriptions
{
    public const string SplitFormat = "Split article {0} at line {1}";
    public const string MergeFormat = "Merged article {0} into article {1}";
    public const string MoveToArticleFormat = "Moved {0} to article {1}";
    public const string MoveToNewFormat = "Moved {0} to a new article";
    public const string ReorderFormat = "Reordered the blocks of article {0}";
    public const string RoleFormat = "Marked block {0} of article {1} as {2}";
    public const string TitleFormat = "Retitled article {0}: “{1}” → “{2}”";
    public const string EditFormat = "Corrected line {0}: “{1}” → “{2}”";
    public const string TagFormat = "Tagged {0} “{1}” on {2}";
    public const string RestoreEntityFormat = "Restored {0} “{1}” on {2}";
    public const string RelabelFormat = "Relabelled entity {0}: {1} → {2}";
    public const string RemoveEntityFormat = "Removed entity {0}";
    public const string StatusFormat = "Changed the status of article {0}: {1} → {2}";
    public const string AssignFormat = "Assigned article {0} to {1}";
    public const string UnassignFormat = "Unassigned article {0}";
    public const string BatchFormat = "{0} changes: {1}";
    public const string EmptyBatch = "No changes";
    public const string SetBlocksFormat = "Reset the blocks of article {0}";
    public const string RemoveArticleFormat = "Dissolved article {0}";
    public const string RestoreArticleFormat = "Restored article {0}";
    public const string LinkOnFormat = "Linked article {0}: continued on article {2} of page id {1}";
    public const string LinkFromFormat = "Linked article {0}: continued from article {2} of page id {1}";
    public const string UnlinkFormat = "Unlinked article {0} from article {2} of page id {1}";
    public const string UnknownOperation = "Unknown change";

    public static string Describe(PageOperation operation) => operation switch
    {
        SplitArticle x => Format(SplitFormat, x.ArticleKey, x.AtLine),
        MergeArticles x => Format(MergeFormat, x.ArticleKey, x.IntoArticleKey),
        MoveLines x => x.ToArticleKey is { } to
            ? Format(MoveToArticleFormat, Lines(x.FirstLine, x.LastLine), to)
            : Format(MoveToNewFormat, Lines(x.FirstLine, x.LastLine)),
        ReorderBlocks x => Format(ReorderFormat, x.ArticleKey),
        SetBlockRole x => Format(RoleFormat, x.BlockIndex + 1, x.ArticleKey, x.Role.Name()),
        SetTitle x => Format(TitleFormat, x.ArticleKey, Shorten(x.ExpectedTitle ?? ""), Shorten(x.Title ?? "")),
        EditLine x => Format(EditFormat, x.Line, Shorten(x.ExpectedText ?? ""), Shorten(x.NewText ?? "")),
        AddEntity x => Format(x.Key is null ? TagFormat : RestoreEntityFormat, x.Label, Shorten((x.Text ?? "").Replace('\n', ' ')), Lines(x.Start.Line, x.End.Line)),
        RelabelEntity x => Format(RelabelFormat, x.EntityKey, x.ExpectedLabel, x.Label),
        RemoveEntity x => Format(RemoveEntityFormat, x.EntityKey),
        SetStatus x => Format(StatusFormat, x.ArticleKey, PageEditor.StatusWords(x.ExpectedStatus), PageEditor.StatusWords(x.Status)),
        Assign x => x.AssigneeId is null ? Format(UnassignFormat, x.ArticleKey) : Format(AssignFormat, x.ArticleKey, x.AssigneeId),
        Batch x => DescribeBatch(x),
        SetBlocks x => Format(SetBlocksFormat, x.ArticleKey),
        RemoveArticle x => Format(RemoveArticleFormat, x.ArticleKey),
        RestoreArticle x => Format(RestoreArticleFormat, x.Article?.Key),
        LinkContinuation x => Format(x.Direction == Continuation.MarkerDirection.On ? LinkOnFormat : LinkFromFormat, x.ArticleKey, x.OtherPageId, x.OtherArticleKey),
        UnlinkContinuation x => Format(UnlinkFormat, x.ArticleKey, x.OtherPageId, x.OtherArticleKey),
        _ => UnknownOperation,
    };

    private static string DescribeBatch(Batch batch)
    {
        var steps = batch.Operations ?? [];
        return steps.Count switch
        {
            0 => EmptyBatch,
            1 => Describe(steps[0]),
            _ => Format(BatchFormat, steps.Count, string.Join("; ", steps.Take(3).Select(Describe)) + (steps.Count > 3 ? "; …" : "")),
        };
    }

    private static string Lines(int first, int last) => first == last ? Format("line {0}", first) : Format("lines {0}–{1}", first, last);
}
