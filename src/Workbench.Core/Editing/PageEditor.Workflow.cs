using System.Collections.Immutable;
using Workbench.Core.Segmentation;
using static Workbench.Core.Editing.EditMessages;

namespace Workbench.Core.Editing;

// Status, assignment, batches, and the block-level operations undo uses.
public static partial class PageEditor
{
    private static OperationResult ChangeStatus(PageState s, SetStatus op, ChangeRecorder changes)
    {
        var article = s.FindArticle(op.ArticleKey);
        if (article is null)
        {
            return Reject(ArticleMissing, op.ArticleKey);
        }

        if (!Enum.IsDefined(op.Status) || !Enum.IsDefined(op.ExpectedStatus))
        {
            return Reject(UnknownStatus);
        }

        if (article.Status != op.ExpectedStatus)
        {
            return RejectWith(StatusName(article.Status), StatusStale, op.ArticleKey);
        }

        if (!ArticleWorkflow.IsTransition(op.ExpectedStatus, op.Status))
        {
            return Reject(NotATransition, StatusWords(op.ExpectedStatus), StatusWords(op.Status));
        }

        changes.Article(article.Key, isContent: false);
        return Ok(WithArticle(s, article with { Status = op.Status }), new SetStatus(op.ArticleKey, op.Status, article.Status));
    }

    /// <summary>The contract name of a status: "draft", "inProgress", ...</summary>
    public static string StatusName(ArticleStatus status) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>How a status reads in sentences for people: "in progress", "changes requested", ...</summary>
    public static string StatusWords(ArticleStatus status) =>
        Enum.IsDefined(status) ? CoreText.Get("Status." + status) : StatusName(status);

    private static OperationResult AssignTo(PageState s, Assign op, ChangeRecorder changes)
    {
        if ((Editable(s, op.ArticleKey, out var article) ?? TooLong(op.AssigneeId, EditLimits.MaxAssigneeId, static () => AssigneeTooLong)) is { } rejected)
        {
            return rejected;
        }

        changes.Article(article.Key, isContent: false);
        return Ok(WithArticle(s, article with { AssigneeId = op.AssigneeId }), new Assign(op.ArticleKey, article.AssigneeId));
    }

    private static OperationResult RunBatch(PageState s, Batch op, List<string> notes, ChangeRecorder changes)
    {
        var inverses = new List<PageOperation>();
        var batchNotes = new List<string>();
        var current = s;
        foreach (var step in op.Operations ?? [])
        {
            switch (Run(current, step, batchNotes, changes))
            {
                case OperationResult.Applied applied:
                    current = applied.NewState;
                    inverses.Add(applied.Inverse);
                    break;
                case var rejected:
                    return rejected;
            }
        }

        inverses.Reverse();
        notes.AddRange(batchNotes);
        return Ok(current, new Batch(inverses));
    }

    /// <summary>Checks a block list for <paramref name="articleKey"/>: lines exist, no overlaps, each line free or already the article's.</summary>
    private static OperationResult.Rejected? ValidBlocks(PageState s, int articleKey, IReadOnlyList<BlockState>? blocks)
    {
        if (blocks is null || blocks.Count == 0)
        {
            return Reject(NoBlocks);
        }

        var owners = s.LineOwners();
        var seen = new HashSet<int>();
        foreach (var b in blocks)
        {
            if (b is null || b.FirstLine > b.LastLine || !Enum.IsDefined(b.Role) || !s.Lines.ContainsKey(b.FirstLine) || !s.Lines.ContainsKey(b.LastLine))
            {
                return Reject(BadBlocks, articleKey);
            }

            for (var n = b.FirstLine; n <= b.LastLine; n++)
            {
                if (!seen.Add(n))
                {
                    return Reject(BadBlocks, articleKey);
                }

                if (owners.TryGetValue(n, out var owner) && owner != articleKey)
                {
                    return Reject(BlocksTakeOtherLines, articleKey, n, owner);
                }
            }
        }

        return null;
    }

    private static OperationResult ReplaceBlocks(PageState s, SetBlocks op, ChangeRecorder changes)
    {
        if ((Editable(s, op.ArticleKey, out var article) ?? ValidBlocks(s, op.ArticleKey, op.Blocks)) is { } rejected)
        {
            return rejected;
        }

        changes.Article(article.Key);
        return Checked(WithArticle(s, article with { Blocks = [.. op.Blocks] }), new SetBlocks(op.ArticleKey, article.Blocks));
    }

    private static OperationResult Dissolve(PageState s, RemoveArticle op, ChangeRecorder changes)
    {
        if (Editable(s, op.ArticleKey, out var article) is { } rejected)
        {
            return rejected;
        }

        var index = s.Articles.FindIndex(a => a.Key == article.Key);
        changes.ArticleRemoved(article.Key);
        return Checked(s with { Articles = s.Articles.RemoveAt(index) }, new RestoreArticle(index, article));
    }

    private static OperationResult Restore(PageState s, RestoreArticle op, ChangeRecorder changes)
    {
        var article = op.Article;
        if (article is null)
        {
            return Reject(MissingValue, Missing.Article);
        }

        if (article.IsLocked())
        {
            return Reject(ArticleApproved, article.Key);
        }

        if (article.Key <= 0 || s.FindArticle(article.Key) is not null)
        {
            return Reject(ArticleKeyInUse, article.Key);
        }

        if (op.Index < 0 || op.Index > s.Articles.Count)
        {
            return Reject(BadIndex, op.Index);
        }

        if (!Enum.IsDefined(article.Status))
        {
            return Reject(UnknownStatus);
        }

        if ((TooLong(article.Title, EditLimits.MaxTitle, static () => TitleTooLong) ?? TooLong(article.AssigneeId, EditLimits.MaxAssigneeId, static () => AssigneeTooLong) ?? ValidBlocks(s, article.Key, article.Blocks)) is { } rejected)
        {
            return rejected;
        }

        var restored = article with { Title = article.Title ?? "", Blocks = [.. article.Blocks], Confidence = double.IsFinite(article.Confidence) ? Math.Clamp(article.Confidence, 0, 1) : 1.0 };
        var next = s with
        {
            Articles = s.Articles.Insert(op.Index, restored),
            NextArticleKey = Math.Max(s.NextArticleKey, article.Key + 1),
        };
        changes.Article(article.Key);
        changes.Order();
        return Checked(next, new RemoveArticle(article.Key));
    }
}
