using System.Collections.Immutable;
using Workbench.Core.Segmentation;
using static Workbench.Core.Editing.EditMessages;

namespace Workbench.Core.Editing;

// Boundary operations: split, merge, move lines, reorder blocks, roles and titles.
public static partial class PageEditor
{
    private static OperationResult Split(PageState s, SplitArticle op, ChangeRecorder changes)
    {
        if ((Editable(s, op.ArticleKey, out var article) ?? TooLong(op.NewTitle, EditLimits.MaxTitle, static () => TitleTooLong)) is { } rejected)
        {
            return rejected;
        }

        var at = op.AtLine;
        if (!article.Blocks.Exists(b => b.Contains(at)))
        {
            return Reject(SplitLineNotInArticle, op.ArticleKey, at);
        }

        if (!article.Blocks.Exists(b => b.FirstLine < at))
        {
            return Reject(SplitAtStart, op.ArticleKey, at);
        }

        var stay = ImmutableList.CreateBuilder<BlockState>();
        var move = ImmutableList.CreateBuilder<BlockState>();
        foreach (var b in article.Blocks)
        {
            if (b.LastLine < at)
            {
                stay.Add(b);
            }
            else if (b.FirstLine >= at)
            {
                move.Add(b);
            }
            else
            {
                stay.Add(b with { LastLine = at - 1 });
                move.Add(b with { FirstLine = at });
            }
        }

        var key = s.NextArticleKey;
        var created = new ArticleState(key, op.NewTitle ?? DefaultTitle(s, move), article.Status, move.ToImmutable(), article.AssigneeId, Layers: article.Layers);
        var index = s.Articles.FindIndex(a => a.Key == article.Key);
        var next = s with
        {
            Articles = s.Articles.SetItem(index, article with { Blocks = stay.ToImmutable() }).Insert(index + 1, created),
            NextArticleKey = key + 1,
        };

        PageOperation inverse = new MergeArticles(key, article.Key);
        if (!stay.Concat(move).SequenceEqual(article.Blocks))
        {
            inverse = new Batch([inverse, new SetBlocks(article.Key, article.Blocks)]);
        }

        changes.Article(article.Key);
        changes.Article(key);
        changes.Order();
        return Checked(next, inverse);
    }

    private static OperationResult Merge(PageState s, MergeArticles op, ChangeRecorder changes)
    {
        if (op.ArticleKey == op.IntoArticleKey)
        {
            return Reject(MergeIntoItself);
        }

        if ((Editable(s, op.ArticleKey, out var source) ?? Editable(s, op.IntoArticleKey, out _)) is { } rejected)
        {
            return rejected;
        }

        var target = s.FindArticle(op.IntoArticleKey)!;
        var sourceIndex = s.Articles.FindIndex(a => a.Key == source.Key);
        var next = WithArticle(s, target with { Blocks = target.Blocks.AddRange(source.Blocks) });
        next = next with { Articles = next.Articles.RemoveAt(sourceIndex) };
        changes.Article(target.Key);
        changes.ArticleRemoved(source.Key);
        return Ok(next, new Batch([new SetBlocks(target.Key, target.Blocks), new RestoreArticle(sourceIndex, source)]));
    }

    private static OperationResult Move(PageState s, MoveLines op, List<string> notes, ChangeRecorder changes)
    {
        if (TooLong(op.NewTitle, EditLimits.MaxTitle, static () => TitleTooLong) is { } tooLong)
        {
            return tooLong;
        }

        var (first, last) = (op.FirstLine, op.LastLine);
        if (first > last || !s.Lines.ContainsKey(first) || !s.Lines.ContainsKey(last))
        {
            return Reject(BadLineRange, first, last);
        }

        var owners = s.LineOwners();
        var ownerKeys = Enumerable.Range(first, last - first + 1)
            .Select(n => owners.TryGetValue(n, out var k) ? k : (int?)null)
            .Distinct()
            .ToList();
        if (ownerKeys.Count != 1)
        {
            return Reject(LinesInSeveralArticles, first, last);
        }

        var sourceKey = ownerKeys[0];
        if (sourceKey is not null && sourceKey == op.ToArticleKey)
        {
            return Reject(LinesAlreadyThere, first, last, sourceKey);
        }

        ArticleState? source = null;
        if (sourceKey is { } sk && Editable(s, sk, out source) is { } rejectedSource)
        {
            return rejectedSource;
        }

        ArticleState? target = null;
        if (op.ToArticleKey is { } tk && Editable(s, tk, out target) is { } rejectedTarget)
        {
            return rejectedTarget;
        }

        var moved = new List<BlockState>();
        var remaining = ImmutableList.CreateBuilder<BlockState>();
        if (source is null)
        {
            moved.Add(new BlockState(BlockRole.Body, first, last));
        }
        else
        {
            foreach (var b in source.Blocks)
            {
                if (b.LastLine < first || b.FirstLine > last)
                {
                    remaining.Add(b);
                    continue;
                }

                if (b.FirstLine < first)
                {
                    remaining.Add(b with { LastLine = first - 1 });
                }

                moved.Add(b with { FirstLine = Math.Max(first, b.FirstLine), LastLine = Math.Min(last, b.LastLine) });
                if (b.LastLine > last)
                {
                    remaining.Add(b with { FirstLine = last + 1 });
                }
            }
        }

        moved.Sort((a, b) => a.FirstLine.CompareTo(b.FirstLine));
        var articles = s.Articles.ToBuilder();
        var insertAt = articles.Count;
        var sourceIndex = -1;
        if (source is not null)
        {
            sourceIndex = articles.FindIndex(a => a.Key == source.Key);
            if (remaining.Count == 0)
            {
                articles.RemoveAt(sourceIndex);
                insertAt = sourceIndex;
                notes.Add(Format(ArticleRemovedEmpty, source.Key));
                changes.ArticleRemoved(source.Key);
            }
            else
            {
                articles[sourceIndex] = source with { Blocks = remaining.ToImmutable() };
                insertAt = sourceIndex + 1;
                changes.Article(source.Key);
            }
        }

        var next = s;
        var inverse = new List<PageOperation>();
        if (target is not null)
        {
            var blocks = target.Blocks;
            foreach (var piece in moved)
            {
                var position = blocks.FindIndex(b => b.FirstLine > piece.FirstLine);
                blocks = position < 0 ? blocks.Add(piece) : blocks.Insert(position, piece);
            }

            articles[articles.FindIndex(a => a.Key == target.Key)] = target with { Blocks = blocks };
            inverse.Add(new SetBlocks(target.Key, target.Blocks));
            changes.Article(target.Key);
        }
        else
        {
            var key = s.NextArticleKey;
            articles.Insert(insertAt, new ArticleState(key, op.NewTitle ?? DefaultTitle(s, moved), ArticleStatus.Draft, [.. moved]));
            next = next with { NextArticleKey = key + 1 };
            inverse.Add(new RemoveArticle(key));
            changes.Article(key);
            changes.Order();
        }

        if (source is not null)
        {
            inverse.Add(remaining.Count == 0 ? new RestoreArticle(sourceIndex, source) : new SetBlocks(source.Key, source.Blocks));
        }

        next = next with { Articles = articles.ToImmutable() };
        return Checked(next, inverse.Count == 1 ? inverse[0] : new Batch(inverse));
    }

    private static OperationResult Reorder(PageState s, ReorderBlocks op, ChangeRecorder changes)
    {
        if (Editable(s, op.ArticleKey, out var article) is { } rejected)
        {
            return rejected;
        }

        var order = op.NewOrder;
        var count = article.Blocks.Count;
        if (order is null || order.Count != count || order.Any(i => i < 0 || i >= count) || order.Distinct().Count() != count)
        {
            return Reject(BadBlockOrder, op.ArticleKey);
        }

        var inverse = new int[count];
        for (var i = 0; i < count; i++)
        {
            inverse[order[i]] = i;
        }

        var blocks = order.Select(i => article.Blocks[i]).ToImmutableList();
        changes.Article(article.Key);
        return Ok(WithArticle(s, article with { Blocks = blocks }), new ReorderBlocks(op.ArticleKey, inverse));
    }

    private static OperationResult SetRole(PageState s, SetBlockRole op, ChangeRecorder changes)
    {
        if (Editable(s, op.ArticleKey, out var article) is { } rejected)
        {
            return rejected;
        }

        if (op.BlockIndex < 0 || op.BlockIndex >= article.Blocks.Count)
        {
            return Reject(BlockMissing, op.ArticleKey, op.BlockIndex);
        }

        if (!Enum.IsDefined(op.Role))
        {
            return Reject(UnknownRole);
        }

        var block = article.Blocks[op.BlockIndex];
        changes.Article(article.Key);
        var next = WithArticle(s, article with { Blocks = article.Blocks.SetItem(op.BlockIndex, block with { Role = op.Role }) });
        return Ok(next, new SetBlockRole(op.ArticleKey, op.BlockIndex, block.Role));
    }

    private static OperationResult Retitle(PageState s, SetTitle op, ChangeRecorder changes)
    {
        if (Editable(s, op.ArticleKey, out var article) is { } rejected)
        {
            return rejected;
        }

        if (op.Title is null)
        {
            return Reject(MissingValue, Missing.Title);
        }

        if (TooLong(op.Title, EditLimits.MaxTitle, static () => TitleTooLong) is { } tooLong)
        {
            return tooLong;
        }

        if (!string.Equals(article.Title, op.ExpectedTitle, StringComparison.Ordinal))
        {
            return RejectWith(article.Title, TitleStale, op.ArticleKey);
        }

        changes.Article(article.Key);
        return Ok(WithArticle(s, article with { Title = op.Title }), new SetTitle(op.ArticleKey, op.Title, article.Title));
    }
}
