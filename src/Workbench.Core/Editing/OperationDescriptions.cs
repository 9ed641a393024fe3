using System.Globalization;
using Workbench.Core.Segmentation;
using static Workbench.Core.Editing.EditMessages;

namespace Workbench.Core.Editing;

/// <summary>Short descriptions of operations for history and audit, in the current UI language.</summary>
public static class OperationDescriptions
{
    public static string SplitFormat => CoreText.Get("Op.SplitFormat");
    public static string MergeFormat => CoreText.Get("Op.MergeFormat");
    public static string MoveToArticleFormat => CoreText.Get("Op.MoveToArticleFormat");
    public static string MoveToNewFormat => CoreText.Get("Op.MoveToNewFormat");
    public static string ReorderFormat => CoreText.Get("Op.ReorderFormat");
    public static string RoleFormat => CoreText.Get("Op.RoleFormat");
    public static string TitleFormat => CoreText.Get("Op.TitleFormat");
    public static string EditFormat => CoreText.Get("Op.EditFormat");
    public static string TagFormat => CoreText.Get("Op.TagFormat");
    public static string RestoreEntityFormat => CoreText.Get("Op.RestoreEntityFormat");
    public static string RelabelFormat => CoreText.Get("Op.RelabelFormat");
    public static string RemoveEntityFormat => CoreText.Get("Op.RemoveEntityFormat");
    public static string StatusFormat => CoreText.Get("Op.StatusFormat");
    public static string AssignFormat => CoreText.Get("Op.AssignFormat");
    public static string UnassignFormat => CoreText.Get("Op.UnassignFormat");
    public static string BatchFormat => CoreText.Get("Op.BatchFormat");
    public static string EmptyBatch => CoreText.Get("Op.EmptyBatch");
    public static string SetBlocksFormat => CoreText.Get("Op.SetBlocksFormat");
    public static string RemoveArticleFormat => CoreText.Get("Op.RemoveArticleFormat");
    public static string RestoreArticleFormat => CoreText.Get("Op.RestoreArticleFormat");
    public static string LinkOnFormat => CoreText.Get("Op.LinkOnFormat");
    public static string LinkFromFormat => CoreText.Get("Op.LinkFromFormat");
    public static string UnlinkFormat => CoreText.Get("Op.UnlinkFormat");
    public static string UnknownOperation => CoreText.Get("Op.UnknownOperation");
    public static string LayerSubmitFormat => CoreText.Get("Op.LayerSubmitFormat");
    public static string LayerReopenFormat => CoreText.Get("Op.LayerReopenFormat");

    /// <summary>How a block role reads in sentences: "headline", "标题", ...</summary>
    public static string BlockRoleWords(BlockRole role) => Enum.IsDefined(role) ? CoreText.Get("BlockRole." + role) : ((int)role).ToString(CultureInfo.InvariantCulture);

    public static string Describe(PageOperation operation) => operation switch
    {
        SplitArticle x => Format(SplitFormat, x.ArticleKey, x.AtLine),
        MergeArticles x => Format(MergeFormat, x.ArticleKey, x.IntoArticleKey),
        MoveLines x => x.ToArticleKey is { } to
            ? Format(MoveToArticleFormat, Lines(x.FirstLine, x.LastLine), to)
            : Format(MoveToNewFormat, Lines(x.FirstLine, x.LastLine)),
        ReorderBlocks x => Format(ReorderFormat, x.ArticleKey),
        SetBlockRole x => Format(RoleFormat, x.BlockIndex + 1, x.ArticleKey, BlockRoleWords(x.Role)),
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
        SetLayerStatus x => Format(x.Submitted ? LayerSubmitFormat : LayerReopenFormat, x.Annotator, x.ArticleKey),
        _ => UnknownOperation,
    };

    private static string DescribeBatch(Batch batch)
    {
        var steps = batch.Operations ?? [];
        return steps.Count switch
        {
            0 => EmptyBatch,
            1 => Describe(steps[0]),
            _ => Format(BatchFormat, steps.Count, string.Join(CoreText.Get("Op.ListSeparator"), steps.Take(3).Select(Describe)) + (steps.Count > 3 ? CoreText.Get("Op.ListSeparator") + "…" : "")),
        };
    }

    private static string Lines(int first, int last) => first == last ? Format(CoreText.Get("Op.Line"), first) : Format(CoreText.Get("Op.Lines"), first, last);
}
