using Workbench.Core.Editing;

namespace Workbench.Web.Editing;

/// <summary>Which article an operation acts on, and whether it changes content (the review rules need both).</summary>
public static class OperationScope
{
    public static (int? ArticleKey, bool ChangesContent) Of(PageState before, PageOperation operation) => operation switch
    {
        SplitArticle o => (o.ArticleKey, true),
        MergeArticles o => (o.IntoArticleKey, true),
        MoveLines o => (o.ToArticleKey ?? before.ArticleOfLine(o.FirstLine)?.Key, true),
        ReorderBlocks o => (o.ArticleKey, true),
        SetBlockRole o => (o.ArticleKey, true),
        SetTitle o => (o.ArticleKey, true),
        SetBlocks o => (o.ArticleKey, true),
        RemoveArticle o => (o.ArticleKey, true),
        RestoreArticle o => (o.Article.Key, true),
        EditLine o => (before.ArticleOfLine(o.Line)?.Key, true),
        AddEntity o => (before.ArticleOfLine(o.Start.Line)?.Key, true),
        RelabelEntity o => (EntityArticle(before, o.EntityKey), true),
        RemoveEntity o => (EntityArticle(before, o.EntityKey), true),
        SetStatus o => (o.ArticleKey, false),
        SetLayerStatus o => (o.ArticleKey, false), // a layer submitted or reopened: like a status change, not content
        Assign o => (o.ArticleKey, false),
        LinkContinuation o => (o.ArticleKey, false),
        UnlinkContinuation o => (o.ArticleKey, false),
        Batch b => Combine(before, b),
        _ => (null, true),
    };

    private static int? EntityArticle(PageState state, int entityKey) =>
        state.FindEntity(entityKey) is { } entity ? state.ArticleOfLine(entity.Start.Line)?.Key : null;

    private static (int?, bool) Combine(PageState before, Batch batch)
    {
        var parts = batch.Operations.Select(o => Of(before, o)).ToList();
        var keys = parts.Select(p => p.ArticleKey).Distinct().ToList();
        return (keys.Count == 1 ? keys[0] : null, parts.Any(p => p.ChangesContent));
    }
}
