using System.Collections.Immutable;
using Workbench.Core.Segmentation;
using static Workbench.Core.Editing.EditMessages;

namespace Workbench.Core.Editing;

/// <summary>Applies <see cref="PageOperation"/>s to a <see cref="PageState"/>. Pure: no I/O, never throws for bad input.</summary>
public static class PageEditor
{
    /// <summary>
    /// Applies <paramref name="operation"/> to <paramref name="state"/>: the new state (Version + 1) with the inverse
    /// operation and notes, or a rejection with a user-facing reason and nothing changed.
    /// </summary>
    public static OperationResult Apply(PageState state, PageOperation operation)
    {
        ArgumentNullException.ThrowIfNull(state);
        var notes = new List<string>();
        var result = Run(state, operation, notes);
        return result is OperationResult.Applied applied
            ? applied with { NewState = applied.NewState with { Version = state.Version + 1 }, Notes = [.. notes] }
            : result;
    }

    private static OperationResult Run(PageState s, PageOperation? op, List<string> notes) => op switch
    {
        SplitArticle x => Split(s, x),
        MergeArticles x => Merge(s, x),
        MoveLines x => Move(s, x, notes),
        ReorderBlocks x => Reorder(s, x),
        SetBlockRole x => SetRole(s, x),
        SetTitle x => Retitle(s, x),
        EditLine x => Edit(s, x, notes),
        AddEntity x => Add(s, x),
        RelabelEntity x => Relabel(s, x),
        RemoveEntity x => Remove(s, x),
        SetStatus x => ChangeStatus(s, x),
        Assign x => AssignTo(s, x),
        Batch x => RunBatch(s, x, notes),
        SetBlocks x => ReplaceBlocks(s, x),
        RemoveArticle x => Dissolve(s, x),
        RestoreArticle x => Restore(s, x),
        _ => Reject(MissingValue, "the operation"),
    };

    private static OperationResult.Applied Ok(PageState s, PageOperation inverse) => new(s, inverse, []);

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

        return article.Status == ArticleStatus.Approved ? Reject(ArticleApproved, key) : null;
    }

    /// <summary>Rejects when the line (if assigned) is in an approved article.</summary>
    private static OperationResult.Rejected? LineEditable(PageState s, int line)
    {
        var article = s.ArticleOfLine(line);
        return article is { Status: ArticleStatus.Approved } ? Reject(ArticleApproved, article.Key) : null;
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
                    return Reject(EntityWouldCross, e.Label, Shorten(e.Text));
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

    private static OperationResult Split(PageState s, SplitArticle op)
    {
        if (Editable(s, op.ArticleKey, out var article) is { } rejected)
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
        var created = new ArticleState(key, op.NewTitle ?? DefaultTitle(s, move), article.Status, move.ToImmutable(), article.AssigneeId);
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

        return Checked(next, inverse);
    }

    private static OperationResult Merge(PageState s, MergeArticles op)
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
        return Ok(next, new Batch([new SetBlocks(target.Key, target.Blocks), new RestoreArticle(sourceIndex, source)]));
    }

    private static OperationResult Move(PageState s, MoveLines op, List<string> notes)
    {
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
            }
            else
            {
                articles[sourceIndex] = source with { Blocks = remaining.ToImmutable() };
                insertAt = sourceIndex + 1;
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
        }
        else
        {
            var key = s.NextArticleKey;
            articles.Insert(insertAt, new ArticleState(key, op.NewTitle ?? DefaultTitle(s, moved), ArticleStatus.Draft, [.. moved]));
            next = next with { NextArticleKey = key + 1 };
            inverse.Add(new RemoveArticle(key));
        }

        if (source is not null)
        {
            inverse.Add(remaining.Count == 0 ? new RestoreArticle(sourceIndex, source) : new SetBlocks(source.Key, source.Blocks));
        }

        next = next with { Articles = articles.ToImmutable() };
        return Checked(next, inverse.Count == 1 ? inverse[0] : new Batch(inverse));
    }

    private static OperationResult Reorder(PageState s, ReorderBlocks op)
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
        return Ok(WithArticle(s, article with { Blocks = blocks }), new ReorderBlocks(op.ArticleKey, inverse));
    }

    private static OperationResult SetRole(PageState s, SetBlockRole op)
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
        var next = WithArticle(s, article with { Blocks = article.Blocks.SetItem(op.BlockIndex, block with { Role = op.Role }) });
        return Ok(next, new SetBlockRole(op.ArticleKey, op.BlockIndex, block.Role));
    }

    private static OperationResult Retitle(PageState s, SetTitle op)
    {
        if (Editable(s, op.ArticleKey, out var article) is { } rejected)
        {
            return rejected;
        }

        if (op.Title is null)
        {
            return Reject(MissingValue, "the title");
        }

        if (!string.Equals(article.Title, op.ExpectedTitle, StringComparison.Ordinal))
        {
            return RejectWith(article.Title, TitleStale, op.ArticleKey);
        }

        return Ok(WithArticle(s, article with { Title = op.Title }), new SetTitle(op.ArticleKey, op.Title, article.Title));
    }

    private static OperationResult Edit(PageState s, EditLine op, List<string> notes, bool withInverse = true)
    {
        if (!s.Lines.TryGetValue(op.Line, out var line))
        {
            return Reject(LineMissing, op.Line);
        }

        if (LineEditable(s, op.Line) is { } rejected)
        {
            return rejected;
        }

        if (op.NewText is null)
        {
            return Reject(MissingValue, "the new text");
        }

        if (!string.Equals(line.Text, op.ExpectedText, StringComparison.Ordinal))
        {
            return RejectWith(line.Text, LineStale, op.Line);
        }

        if (op.NewText.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            return Reject(LineBreakInText);
        }

        var next = s with { Lines = s.Lines.SetItem(op.Line, line with { Text = op.NewText }) };
        var rebase = EntityRebase.For(line.Text, op.NewText);
        var touched = s.Entities.Where(e => e.Start.Line == op.Line || e.End.Line == op.Line).ToList();
        var entities = s.Entities;
        foreach (var e in touched)
        {
            var start = e.Start.Line == op.Line ? e.Start with { Offset = rebase.MapStart(e.Start.Offset) } : e.Start;
            var end = e.End.Line == op.Line ? e.End with { Offset = rebase.MapEnd(e.End.Offset) } : e.End;
            (start, end) = Tighten(next, start, end);
            var text = start < end ? PageText.Slice(next, start, end) : null;
            var index = entities.FindIndex(x => x.Key == e.Key);
            if (text is null || text.All(c => c == PageText.LineBreak))
            {
                entities = entities.RemoveAt(index);
                notes.Add(Format(EntityRemovedByEdit, e.Label, Shorten(e.Text)));
            }
            else
            {
                entities = entities.SetItem(index, e with { Start = start, End = end, Text = text });
            }
        }

        next = next with { Entities = entities };
        return Ok(next, withInverse ? EditInverse(next, op, touched) : op);
    }

    /// <summary>Editing the text back does not always restore entities (a shrunk or removed one stays so); fix those up explicitly.</summary>
    private static PageOperation EditInverse(PageState after, EditLine op, List<EntityState> touched)
    {
        var back = new EditLine(op.Line, op.NewText, op.ExpectedText);
        if (touched.Count == 0 || Edit(after, back, [], withInverse: false) is not OperationResult.Applied { NewState: var restored })
        {
            return back;
        }

        var fixes = new List<PageOperation>();
        foreach (var original in touched)
        {
            var now = restored.FindEntity(original.Key);
            if (now == original)
            {
                continue;
            }

            if (now is not null)
            {
                fixes.Add(new RemoveEntity(original.Key));
            }

            fixes.Add(new AddEntity(original.Label, original.Start, original.End, original.Text, original.Source, original.Key));
        }

        return fixes.Count == 0 ? back : new Batch([back, .. fixes]);
    }

    /// <summary>An entity crossing lines starts and ends on text, not on a line break.</summary>
    private static (Anchor Start, Anchor End) Tighten(PageState s, Anchor start, Anchor end)
    {
        while (start.Line < end.Line && s.Lines.TryGetValue(start.Line, out var line) && start.Offset >= line.Text.Length)
        {
            start = new Anchor(start.Line + 1, 0);
        }

        while (end.Line > start.Line && end.Offset == 0 && s.Lines.TryGetValue(end.Line - 1, out var previous))
        {
            end = new Anchor(end.Line - 1, previous.Text.Length);
        }

        return (start, end);
    }

    private static OperationResult Add(PageState s, AddEntity op)
    {
        if (string.IsNullOrWhiteSpace(op.Label))
        {
            return Reject(EmptyLabel);
        }

        if (op.Text is null)
        {
            return Reject(MissingValue, "the entity text");
        }

        if (!Enum.IsDefined(op.Source))
        {
            return Reject(MissingValue, "the entity source");
        }

        if (!PageText.IsValid(s, op.Start) || !PageText.IsValid(s, op.End))
        {
            return Reject(EntityBadRange);
        }

        if (op.Start >= op.End)
        {
            return Reject(EntityEmpty);
        }

        if (op.Start.Line < op.End.Line && (op.Start.Offset == s.Lines[op.Start.Line].Text.Length || op.End.Offset == 0))
        {
            return Reject(EntityEdgesOnLineBreak);
        }

        // New entities must be inside one article; a restored one (undo) may also sit on unassigned lines, where it was.
        var article = s.ArticleOfLine(op.Start.Line);
        for (var n = op.Start.Line; n <= op.End.Line; n++)
        {
            var inPlace = article is null ? op.Key is not null && s.ArticleOfLine(n) is null : article.Blocks.Exists(b => b.Contains(n));
            if (!s.Lines.ContainsKey(n) || !inPlace)
            {
                return Reject(EntityNotInOneArticle);
            }
        }

        if (article is { Status: ArticleStatus.Approved })
        {
            return Reject(ArticleApproved, article.Key);
        }

        var text = PageText.Slice(s, op.Start, op.End);
        if (text is null)
        {
            return Reject(EntityBadRange);
        }

        if (!string.Equals(text, op.Text, StringComparison.Ordinal))
        {
            return RejectWith(text, EntityTextMismatch);
        }

        int key;
        var next = s;
        if (op.Key is { } wanted)
        {
            if (wanted <= 0 || s.FindEntity(wanted) is not null)
            {
                return Reject(EntityKeyInUse, wanted);
            }

            key = wanted;
            next = next with { NextEntityKey = Math.Max(s.NextEntityKey, wanted + 1) };
        }
        else
        {
            if (s.Entities.Exists(e => e.Start == op.Start && e.End == op.End && string.Equals(e.Label, op.Label, StringComparison.Ordinal)))
            {
                return Reject(EntityDuplicate, op.Label);
            }

            key = s.NextEntityKey;
            next = next with { NextEntityKey = key + 1 };
        }

        var entity = new EntityState(key, op.Label, op.Start, op.End, text, op.Source);
        var position = s.Entities.FindIndex(e => e.Key > key);
        next = next with { Entities = position < 0 ? s.Entities.Add(entity) : s.Entities.Insert(position, entity) };
        return Ok(next, new RemoveEntity(key));
    }

    private static OperationResult.Rejected? EntityEditable(PageState s, int key, out EntityState entity)
    {
        entity = s.FindEntity(key)!;
        return entity is null ? Reject(EntityMissing, key) : LineEditable(s, entity.Start.Line);
    }

    private static OperationResult Relabel(PageState s, RelabelEntity op)
    {
        if (EntityEditable(s, op.EntityKey, out var entity) is { } rejected)
        {
            return rejected;
        }

        if (string.IsNullOrWhiteSpace(op.Label))
        {
            return Reject(EmptyLabel);
        }

        if (!string.Equals(entity.Label, op.ExpectedLabel, StringComparison.Ordinal))
        {
            return RejectWith(entity.Label, LabelStale, op.EntityKey);
        }

        var next = s with { Entities = s.Entities.SetItem(s.Entities.IndexOf(entity), entity with { Label = op.Label }) };
        return Ok(next, new RelabelEntity(op.EntityKey, op.Label, entity.Label));
    }

    private static OperationResult Remove(PageState s, RemoveEntity op)
    {
        if (EntityEditable(s, op.EntityKey, out var entity) is { } rejected)
        {
            return rejected;
        }

        var next = s with { Entities = s.Entities.Remove(entity) };
        return Ok(next, new AddEntity(entity.Label, entity.Start, entity.End, entity.Text, entity.Source, entity.Key));
    }

    private static OperationResult ChangeStatus(PageState s, SetStatus op)
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

        return Ok(WithArticle(s, article with { Status = op.Status }), new SetStatus(op.ArticleKey, op.Status, article.Status));
    }

    /// <summary>The contract name of a status: "draft", "inProgress", ...</summary>
    public static string StatusName(ArticleStatus status) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static OperationResult AssignTo(PageState s, Assign op)
    {
        if (Editable(s, op.ArticleKey, out var article) is { } rejected)
        {
            return rejected;
        }

        return Ok(WithArticle(s, article with { AssigneeId = op.AssigneeId }), new Assign(op.ArticleKey, article.AssigneeId));
    }

    private static OperationResult RunBatch(PageState s, Batch op, List<string> notes)
    {
        var inverses = new List<PageOperation>();
        var batchNotes = new List<string>();
        var current = s;
        foreach (var step in op.Operations ?? [])
        {
            switch (Run(current, step, batchNotes))
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

    private static OperationResult ReplaceBlocks(PageState s, SetBlocks op)
    {
        if ((Editable(s, op.ArticleKey, out var article) ?? ValidBlocks(s, op.ArticleKey, op.Blocks)) is { } rejected)
        {
            return rejected;
        }

        return Checked(WithArticle(s, article with { Blocks = [.. op.Blocks] }), new SetBlocks(op.ArticleKey, article.Blocks));
    }

    private static OperationResult Dissolve(PageState s, RemoveArticle op)
    {
        if (Editable(s, op.ArticleKey, out var article) is { } rejected)
        {
            return rejected;
        }

        var index = s.Articles.FindIndex(a => a.Key == article.Key);
        return Checked(s with { Articles = s.Articles.RemoveAt(index) }, new RestoreArticle(index, article));
    }

    private static OperationResult Restore(PageState s, RestoreArticle op)
    {
        var article = op.Article;
        if (article is null)
        {
            return Reject(MissingValue, "the article");
        }

        if (article.Status == ArticleStatus.Approved)
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

        if (ValidBlocks(s, article.Key, article.Blocks) is { } rejected)
        {
            return rejected;
        }

        var restored = article with { Title = article.Title ?? "", Blocks = [.. article.Blocks] };
        var next = s with
        {
            Articles = s.Articles.Insert(op.Index, restored),
            NextArticleKey = Math.Max(s.NextArticleKey, article.Key + 1),
        };
        return Checked(next, new RemoveArticle(article.Key));
    }
}

/// <summary>
/// How offsets on an edited line move. The change is the single region between the common prefix and suffix
/// of old and new text (never splitting a surrogate pair).
/// </summary>
internal readonly record struct EntityRebase(int ChangeStart, int OldChangeEnd, int NewChangeEnd)
{
    private int Delta => NewChangeEnd - OldChangeEnd;

    private bool IsInsertion => OldChangeEnd == ChangeStart;

    public static EntityRebase For(string oldText, string newText)
    {
        var max = Math.Min(oldText.Length, newText.Length);
        var prefix = oldText.AsSpan().CommonPrefixLength(newText);
        if (prefix > 0 && char.IsHighSurrogate(oldText[prefix - 1]))
        {
            prefix--;
        }

        var suffix = 0;
        while (suffix < max - prefix && oldText[^(suffix + 1)] == newText[^(suffix + 1)])
        {
            suffix++;
        }

        if (suffix > 0 && char.IsLowSurrogate(oldText[^suffix]))
        {
            suffix--;
        }

        return new EntityRebase(prefix, oldText.Length - suffix, newText.Length - suffix);
    }

    /// <summary>Where an entity's start moves: unchanged before the change, shifted after it, clamped past the new text inside it.</summary>
    public int MapStart(int offset)
    {
        if (IsInsertion)
        {
            return offset >= ChangeStart ? offset + Delta : offset;
        }

        return offset <= ChangeStart ? offset : offset >= OldChangeEnd ? offset + Delta : NewChangeEnd;
    }

    /// <summary>Where an entity's end moves: unchanged before the change, shifted after it, clamped to the change start inside it.</summary>
    public int MapEnd(int offset)
    {
        if (IsInsertion)
        {
            return offset > ChangeStart ? offset + Delta : offset;
        }

        return offset >= OldChangeEnd ? offset + Delta : offset <= ChangeStart ? offset : ChangeStart;
    }
}
