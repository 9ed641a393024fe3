using Workbench.Core.Editing;
using Workbench.Core.Segmentation;

namespace Workbench.Testing;

/// <summary>
/// Deterministic generator of VALID page operations for property, load and convergence tests: every operation it
/// returns satisfies its preconditions against the state it was generated for. It never touches approved articles
/// and never sets a status to Approved. Same state + same <see cref="Random"/> seed → same operations.
/// </summary>
public static class RandomOperations
{
    private static readonly string[] Labels = ["PER", "LOC", "ORG"];
    private static readonly string[] Insertions = ["布", "市", "a", "𠀀", "😀", " ", "-", "。", "Zé", "乌兰"];
    private static readonly string[] Assignees = ["alice", "bob", "chen"];
    private static readonly ArticleStatus[] Statuses = [ArticleStatus.Draft, ArticleStatus.InProgress, ArticleStatus.Submitted, ArticleStatus.ChangesRequested];

    /// <summary>An operation of a randomly picked kind whose preconditions hold against <paramref name="state"/>.</summary>
    public static PageOperation Next(PageState state, Random rng) => Next(state, rng, allowBatch: true);

    private static PageOperation Next(PageState state, Random rng, bool allowBatch)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rng);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var roll = rng.Next(100);
            var op = roll switch
            {
                < 28 => EditLine(state, rng),
                < 43 => AddEntity(state, rng),
                < 48 => Relabel(state, rng),
                < 52 => RemoveEntity(state, rng),
                < 56 => Retitle(state, rng),
                < 60 => ChangeStatus(state, rng),
                < 63 => AssignSomeone(state, rng),
                < 67 => ChangeRole(state, rng),
                < 71 => Reorder(state, rng),
                < 78 => Split(state, rng),
                < 82 => Merge(state, rng),
                < 94 => Move(state, rng),
                _ => allowBatch ? TwoStepBatch(state, rng) : null,
            };
            if (op is not null)
            {
                return op;
            }
        }

        throw new InvalidOperationException("The page offers no valid operation (no lines outside approved articles).");
    }

    private static List<ArticleState> Editable(PageState state) =>
        state.Articles.Where(a => a.Status != ArticleStatus.Approved && !a.Blocks.IsEmpty).ToList();

    private static T Pick<T>(IReadOnlyList<T> items, Random rng) => items[rng.Next(items.Count)];

    private static List<int> Boundaries(string text) =>
        Enumerable.Range(0, text.Length + 1).Where(i => PageText.IsBoundary(text, i)).ToList();

    /// <summary>
    /// The lines of approved articles, whose text and entities the generator leaves alone. A line belongs to the first article
    /// holding it, as <see cref="PageStates.ArticleOfLine"/> finds it; one pass over the blocks instead of a search per line,
    /// which on a 306-line page cost a load benchmark's driver more CPU than the server's work.
    /// </summary>
    private static HashSet<int> LockedLines(PageState state)
    {
        var seen = new HashSet<int>();
        var locked = new HashSet<int>();
        foreach (var article in state.Articles)
        {
            foreach (var block in article.Blocks)
            {
                for (var n = block.FirstLine; n <= block.LastLine; n++)
                {
                    if (seen.Add(n) && article.Status == ArticleStatus.Approved)
                    {
                        locked.Add(n);
                    }
                }
            }
        }

        return locked;
    }

    private static PageOperation? EditLine(PageState state, Random rng)
    {
        var locked = LockedLines(state);
        var lines = state.Lines.Keys.Where(n => !locked.Contains(n)).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var line = state.Lines[Pick(lines, rng)];
        var text = line.Text;
        var cuts = Boundaries(text);
        var a = Pick(cuts, rng);
        var b = Pick(cuts, rng);
        (a, b) = (Math.Min(a, b), Math.Max(a, b));
        var newText = rng.Next(3) switch
        {
            0 => text.Insert(a, Pick(Insertions, rng)),
            1 when b > a => text.Remove(a, b - a),
            _ => string.Concat(text.AsSpan(0, a), Pick(Insertions, rng), text.AsSpan(b)),
        };
        return new EditLine(line.Number, text, newText);
    }

    private static PageOperation? AddEntity(PageState state, Random rng)
    {
        var articles = Editable(state);
        if (articles.Count == 0)
        {
            return null;
        }

        var article = Pick(articles, rng);
        var lines = PageStates.LinesOf(article).Where(n => state.Lines[n].Text.Length > 0).Order().ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var line = Pick(lines, rng);
        var text = state.Lines[line].Text;
        Anchor start, end;
        if (rng.Next(4) == 0 && lines.Contains(line + 1))
        {
            var next = state.Lines[line + 1].Text;
            start = new Anchor(line, Pick(Boundaries(text)[..^1], rng));
            end = new Anchor(line + 1, Pick(Boundaries(next)[1..], rng));
        }
        else
        {
            var cuts = Boundaries(text);
            var i = rng.Next(cuts.Count - 1);
            var j = rng.Next(i + 1, Math.Min(cuts.Count, i + 5));
            start = new Anchor(line, cuts[i]);
            end = new Anchor(line, cuts[j]);
        }

        var label = Pick(Labels, rng);
        if (state.Entities.Exists(e => e.Start == start && e.End == end && e.Label == label))
        {
            return null;
        }

        return new AddEntity(label, start, end, PageText.Slice(state, start, end)!, (EntitySource)rng.Next(4));
    }

    private static List<EntityState> EditableEntities(PageState state)
    {
        var locked = LockedLines(state);
        return state.Entities.Where(e => !locked.Contains(e.Start.Line)).ToList();
    }

    private static PageOperation? Relabel(PageState state, Random rng)
    {
        var entities = EditableEntities(state);
        if (entities.Count == 0)
        {
            return null;
        }

        var entity = Pick(entities, rng);
        var label = Pick(Labels, rng);
        return label == entity.Label ? null : new RelabelEntity(entity.Key, entity.Label, label);
    }

    private static PageOperation? RemoveEntity(PageState state, Random rng)
    {
        var entities = EditableEntities(state);
        return entities.Count == 0 ? null : new RemoveEntity(Pick(entities, rng).Key);
    }

    private static PageOperation? Retitle(PageState state, Random rng)
    {
        var articles = Editable(state);
        if (articles.Count == 0)
        {
            return null;
        }

        var article = Pick(articles, rng);
        return new SetTitle(article.Key, article.Title, rng.Next(3) == 0 ? "标题😀" + rng.Next(100) : "Title " + rng.Next(1000));
    }

    private static PageOperation? ChangeStatus(PageState state, Random rng)
    {
        var articles = Editable(state);
        if (articles.Count == 0)
        {
            return null;
        }

        var article = Pick(articles, rng);
        var status = Pick(Statuses, rng);
        return ArticleWorkflow.IsTransition(article.Status, status) ? new SetStatus(article.Key, article.Status, status) : null;
    }

    private static PageOperation? AssignSomeone(PageState state, Random rng)
    {
        var articles = Editable(state);
        return articles.Count == 0 ? null : new Assign(Pick(articles, rng).Key, rng.Next(4) == 0 ? null : Pick(Assignees, rng));
    }

    private static PageOperation? ChangeRole(PageState state, Random rng)
    {
        var articles = Editable(state);
        if (articles.Count == 0)
        {
            return null;
        }

        var article = Pick(articles, rng);
        return new SetBlockRole(article.Key, rng.Next(article.Blocks.Count), (BlockRole)rng.Next(Enum.GetValues<BlockRole>().Length));
    }

    private static PageOperation? Reorder(PageState state, Random rng)
    {
        var articles = Editable(state).Where(a => a.Blocks.Count > 1).ToList();
        if (articles.Count == 0)
        {
            return null;
        }

        var article = Pick(articles, rng);
        var order = Enumerable.Range(0, article.Blocks.Count).ToArray();
        rng.Shuffle(order);
        return new ReorderBlocks(article.Key, order);
    }

    /// <summary>Whether some entity has lines both inside and outside <paramref name="moving"/>.</summary>
    private static bool CutsAnEntity(PageState state, HashSet<int> moving) =>
        state.Entities.Any(e =>
        {
            var inside = Enumerable.Range(e.Start.Line, e.End.Line - e.Start.Line + 1).Count(moving.Contains);
            return inside > 0 && inside < e.End.Line - e.Start.Line + 1;
        });

    private static PageOperation? Split(PageState state, Random rng)
    {
        var articles = Editable(state);
        if (articles.Count == 0)
        {
            return null;
        }

        var article = Pick(articles, rng);
        var lines = PageStates.LinesOf(article).Order().ToList();
        if (lines.Count < 2)
        {
            return null;
        }

        var at = lines[rng.Next(1, lines.Count)];
        return CutsAnEntity(state, [.. lines.Where(n => n >= at)])
            ? null
            : new SplitArticle(article.Key, at, rng.Next(2) == 0 ? null : "Split " + at);
    }

    private static PageOperation? Merge(PageState state, Random rng)
    {
        var articles = Editable(state);
        if (articles.Count < 2)
        {
            return null;
        }

        var from = Pick(articles, rng);
        var into = Pick(articles, rng);
        return from.Key == into.Key ? null : new MergeArticles(from.Key, into.Key);
    }

    private static PageOperation? Move(PageState state, Random rng)
    {
        var owners = state.LineOwners();
        int first, last;
        int? source = null;
        var unassigned = state.Lines.Keys.Where(n => !owners.ContainsKey(n)).ToList();
        if (unassigned.Count > 0 && rng.Next(3) == 0)
        {
            first = Pick(unassigned, rng);
            last = first;
            while (rng.Next(2) == 0 && state.Lines.ContainsKey(last + 1) && !owners.ContainsKey(last + 1))
            {
                last++;
            }
        }
        else
        {
            var articles = Editable(state);
            if (articles.Count == 0)
            {
                return null;
            }

            var article = Pick(articles, rng);
            var block = Pick(article.Blocks, rng);
            first = rng.Next(block.FirstLine, block.LastLine + 1);
            last = rng.Next(first, block.LastLine + 1);
            source = article.Key;
        }

        if (CutsAnEntity(state, [.. Enumerable.Range(first, last - first + 1)]))
        {
            return null;
        }

        var targets = Editable(state).Where(a => a.Key != source).ToList();
        int? to = targets.Count > 0 && rng.Next(3) > 0 ? Pick(targets, rng).Key : null;
        return new MoveLines(first, last, to, to is null && rng.Next(2) == 0 ? "Moved " + first : null);
    }

    private static PageOperation? TwoStepBatch(PageState state, Random rng)
    {
        var first = Next(state, rng, allowBatch: false);
        if (PageEditor.Apply(state, first) is not OperationResult.Applied applied)
        {
            return null;
        }

        return new Batch([first, Next(applied.NewState, rng, allowBatch: false)]);
    }
}
