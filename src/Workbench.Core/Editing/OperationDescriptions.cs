using Workbench.Core.Segmentation;
using static Workbench.Core.Editing.EditMessages;
using static Workbench.Core.Editing.OperationStrings;

namespace Workbench.Core.Editing;

/// <summary>
/// Short descriptions of operations for history and audit, in <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>
/// (the templates are in Resources/OperationStrings*.resx, read through <see cref="OperationStrings"/>).
/// </summary>
public static class OperationDescriptions
{
    /// <summary>What an operation of an unknown kind reads as.</summary>
    public static string UnknownOperation => Get("Unknown");

    public static string Describe(PageOperation operation) => operation switch
    {
        SplitArticle x => OperationStrings.Format("Split", x.ArticleKey, x.AtLine),
        MergeArticles x => OperationStrings.Format("Merge", x.ArticleKey, x.IntoArticleKey),
        MoveLines x => x.ToArticleKey is { } to
            ? OperationStrings.Format("MoveToArticle", Lines(x.FirstLine, x.LastLine), to)
            : OperationStrings.Format("MoveToNew", Lines(x.FirstLine, x.LastLine)),
        ReorderBlocks x => OperationStrings.Format("Reorder", x.ArticleKey),
        SetBlockRole x => OperationStrings.Format("Role", x.BlockIndex + 1, x.ArticleKey, RoleWords(x.Role)),
        SetTitle x => OperationStrings.Format("Title", x.ArticleKey, Shorten(x.ExpectedTitle ?? ""), Shorten(x.Title ?? "")),
        EditLine x => OperationStrings.Format("Edit", x.Line, Shorten(x.ExpectedText ?? ""), Shorten(x.NewText ?? "")),
        AddEntity x => OperationStrings.Format(x.Key is null ? "Tag" : "RestoreEntity", x.Label, Shorten((x.Text ?? "").Replace('\n', ' ')), Lines(x.Start.Line, x.End.Line)),
        RelabelEntity x => OperationStrings.Format("Relabel", x.EntityKey, x.ExpectedLabel, x.Label),
        RemoveEntity x => OperationStrings.Format("RemoveEntity", x.EntityKey),
        SetStatus x => OperationStrings.Format("Status", x.ArticleKey, StatusWords(x.ExpectedStatus), StatusWords(x.Status)),
        Assign x => x.AssigneeId is null ? OperationStrings.Format("Unassign", x.ArticleKey) : OperationStrings.Format("Assign", x.ArticleKey, x.AssigneeId),
        Batch x => DescribeBatch(x),
        SetBlocks x => OperationStrings.Format("SetBlocks", x.ArticleKey),
        RemoveArticle x => OperationStrings.Format("RemoveArticle", x.ArticleKey),
        RestoreArticle x => OperationStrings.Format("RestoreArticle", x.Article?.Key),
        _ => UnknownOperation,
    };

    private static string DescribeBatch(Batch batch)
    {
        var steps = batch.Operations ?? [];
        return steps.Count switch
        {
            0 => Get("EmptyBatch"),
            1 => Describe(steps[0]),
            _ => OperationStrings.Format("Batch", steps.Count, string.Join(Get("BatchSeparator"), steps.Take(3).Select(Describe)) + (steps.Count > 3 ? Get("BatchSeparator") + "…" : "")),
        };
    }

    private static string Lines(int first, int last) => first == last ? OperationStrings.Format("Line", first) : OperationStrings.Format("Lines", first, last);
}
