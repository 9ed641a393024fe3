using System.Collections.Immutable;
using Workbench.Core.Segmentation;
using static Workbench.Core.Editing.EditMessages;

namespace Workbench.Core.Editing;

/// <summary>Applies <see cref="PageOperation"/>s to a <see cref="PageState"/>. Pure: no I/O, never throws for bad input.</summary>
public static partial class PageEditor
{
    /// <summary>
    /// Applies <paramref name="operation"/> to <paramref name="state"/>: the new state (Version + 1) with the inverse
    /// operation and notes, or a rejection with a user-facing reason and nothing changed.
    /// </summary>
    public static OperationResult Apply(PageState state, PageOperation operation)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (EditLimits.StepsOf(operation) is var steps and > EditLimits.MaxSteps)
        {
            return Reject(TooManySteps, EditLimits.MaxSteps, steps) with { Invalid = true };
        }

        var notes = new List<string>();
        var changes = new ChangeRecorder();
        var result = Run(state, operation, notes, changes);
        return result is OperationResult.Applied applied
            ? applied with { NewState = applied.NewState with { Version = state.Version + 1 }, Notes = [.. notes], Changes = changes.ToChanges() }
            : result;
    }

    private static OperationResult Run(PageState s, PageOperation? op, List<string> notes, ChangeRecorder changes) => op switch
    {
        SplitArticle x => Split(s, x, changes),
        MergeArticles x => Merge(s, x, changes),
        MoveLines x => Move(s, x, notes, changes),
        ReorderBlocks x => Reorder(s, x, changes),
        SetBlockRole x => SetRole(s, x, changes),
        SetTitle x => Retitle(s, x, changes),
        EditLine x => Edit(s, x, notes, changes),
        AddEntity x => Add(s, x, changes),
        RelabelEntity x => Relabel(s, x, changes),
        RemoveEntity x => Remove(s, x, changes),
        SetStatus x => ChangeStatus(s, x, changes),
        Assign x => AssignTo(s, x, changes),
        Batch x => RunBatch(s, x, notes, changes),
        SetBlocks x => ReplaceBlocks(s, x, changes),
        RemoveArticle x => Dissolve(s, x, changes),
        RestoreArticle x => Restore(s, x, changes),
        SetLayerStatus x => ChangeLayerStatus(s, x, changes),
        LinkContinuation x => Editable(s, x.ArticleKey, out _) ?? (OperationResult)Ok(s, new UnlinkContinuation(x.ArticleKey, x.OtherPageId, x.OtherArticleKey, x.Direction)),
        UnlinkContinuation x => Editable(s, x.ArticleKey, out _) ?? (OperationResult)Ok(s, new LinkContinuation(x.ArticleKey, x.OtherPageId, x.OtherArticleKey, x.Direction)),
        _ => Reject(MissingValue, Missing.Operation),
    };

    private static OperationResult.Applied Ok(PageState s, PageOperation inverse) => new(s, inverse, [], PageChanges.None);

    /// <summary>
    /// A refusal (<paramref name="message"/>: "{0} at most, {1} given") when <paramref name="text"/> is longer than
    /// <paramref name="max"/>; the message is looked up only then, not on every edit.
    /// </summary>
    private static OperationResult.Rejected? TooLong(string? text, int max, Func<string> message) =>
        text is not null && text.Length > max ? Reject(message(), max, text.Length) with { Invalid = true } : null;

    private static OperationResult.Rejected Reject(string message, params object?[] args) => new(Format(message, args));

    private static OperationResult.Rejected RejectWith(string current, string message, params object?[] args) => new(Format(message, args), current);

    /// <summary>Finds an article that may be edited, or explains why not.</summary>
    private static OperationResult.Rejected? Editable(PageState s, int key, out ArticleState article)
    {
        article = s.FindArticle(key)!;
        if (article is null)
        {
            return Reject(ArticleMissing, key);
        }

        return article.IsLocked() ? Reject(ArticleApproved, key) : null;
    }

    /// <summary>Rejects when the line (if assigned) is in an approved article.</summary>
    private static OperationResult.Rejected? LineEditable(PageState s, int line)
    {
        var article = s.ArticleOfLine(line);
        return article is not null && article.IsLocked() ? Reject(ArticleApproved, article.Key) : null;
    }

    private static PageState WithArticle(PageState s, ArticleState article) =>
        s with { Articles = s.Articles.SetItem(s.Articles.FindIndex(a => a.Key == article.Key), article) };

    /// <summary>Every entity must lie in one article (or wholly on unassigned lines).</summary>
    private static OperationResult.Rejected? EntitiesStayWhole(PageState s)
    {
        if (s.Entities.IsEmpty)
        {
            return null;
        }

        var owners = s.LineOwners();
        foreach (var e in s.Entities)
        {
            var owner = owners.TryGetValue(e.Start.Line, out var o) ? o : (int?)null;
            for (var n = e.Start.Line + 1; n <= e.End.Line; n++)
            {
                if ((owners.TryGetValue(n, out var other) ? other : (int?)null) != owner)
                {
                    // A layer's entity is named by nobody's text: the one who cut it may not be allowed to see it.
                    return e.Layer is null ? Reject(EntityWouldCross, e.Label, Shorten(e.Text)) : Reject(LayerEntityWouldCross);
                }
            }
        }

        return null;
    }

    private static OperationResult Checked(PageState s, PageOperation inverse) =>
        EntitiesStayWhole(s) ?? (OperationResult)Ok(s, inverse);

    private static string DefaultTitle(PageState s, IEnumerable<BlockState> blocks)
    {
        foreach (var b in blocks)
        {
            for (var n = b.FirstLine; n <= b.LastLine; n++)
            {
                var text = s.Lines[n].Text.Trim();
                if (text.Length > 0)
                {
                    return Shorten(text, 30);
                }
            }
        }

        return "";
    }
}
