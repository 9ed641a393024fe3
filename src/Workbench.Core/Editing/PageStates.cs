using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Editing;

/// <summary>Building, querying and comparing <see cref="PageState"/> values.</summary>
public static class PageStates
{
    private static readonly JsonSerializerOptions CanonicalOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    /// <summary>
    /// The state of a freshly imported page: every source line (blank ones too), the segmenter's articles keyed 1..n
    /// in order, all in <see cref="ArticleStatus.Draft"/>. A line claimed by an earlier article is left out of later ones.
    /// </summary>
    public static PageState FromSegmentation(PageSegmentation segmentation)
    {
        var lines = ImmutableSortedDictionary.CreateBuilder<int, LineState>();
        foreach (var line in segmentation.Page.Lines)
        {
            var text = line.Text.TrimEnd('\r');
            lines[line.Number] = new LineState(line.Number, text, text);
        }

        var claimed = new HashSet<int>();
        var articles = ImmutableList.CreateBuilder<ArticleState>();
        var key = 1;
        foreach (var article in segmentation.Articles)
        {
            var blocks = ImmutableList.CreateBuilder<BlockState>();
            foreach (var block in article.Blocks)
            {
                int? runStart = null;
                for (var n = block.FirstLine; n <= block.LastLine + 1; n++)
                {
                    var usable = n <= block.LastLine && lines.ContainsKey(n) && !claimed.Contains(n);
                    if (usable)
                    {
                        claimed.Add(n);
                        runStart ??= n;
                    }
                    else if (runStart is { } first)
                    {
                        blocks.Add(new BlockState(block.Role, first, n - 1));
                        runStart = null;
                    }
                }
            }

            articles.Add(new ArticleState(key++, article.Title, ArticleStatus.Draft, blocks.ToImmutable(), Confidence: article.Confidence));
        }

        return new PageState(0, lines.ToImmutable(), articles.ToImmutable(), [], key, 1);
    }

    /// <summary>The article with this key, or null.</summary>
    public static ArticleState? FindArticle(this PageState state, int articleKey) =>
        state.Articles.Find(a => a.Key == articleKey);

    /// <summary>The entity with this key, or null.</summary>
    public static EntityState? FindEntity(this PageState state, int entityKey) =>
        state.Entities.Find(e => e.Key == entityKey);

    /// <summary>The article a line belongs to, or null when it is unassigned.</summary>
    public static ArticleState? ArticleOfLine(this PageState state, int line) =>
        state.Articles.Find(a => a.Blocks.Exists(b => b.Contains(line)));

    /// <summary>Line number → key of the article holding it, for every assigned line.</summary>
    public static IReadOnlyDictionary<int, int> LineOwners(this PageState state)
    {
        var owners = new Dictionary<int, int>();
        foreach (var article in state.Articles)
        {
            foreach (var block in article.Blocks)
            {
                for (var n = block.FirstLine; n <= block.LastLine; n++)
                {
                    owners[n] = article.Key;
                }
            }
        }

        return owners;
    }

    /// <summary>The line numbers of an article in reading order (blocks in order, lines ascending in each block).</summary>
    public static IEnumerable<int> LinesOf(ArticleState article) =>
        article.Blocks.SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1));

    /// <summary>
    /// A canonical JSON form of the state (lines, articles, entities, counters); two states are equivalent
    /// exactly when their canonical forms are equal. With <paramref name="includeVersionAndCounters"/> false the
    /// version and the Next* counters are left out (what an inverse operation restores).
    /// </summary>
    public static string ToCanonicalJson(PageState state, bool includeVersionAndCounters = true)
    {
        var shape = new CanonicalState(
            includeVersionAndCounters ? state.Version : null,
            [.. state.Lines.Values],
            [.. state.Articles],
            [.. state.Entities.OrderBy(e => e.Key)],
            includeVersionAndCounters ? state.NextArticleKey : null,
            includeVersionAndCounters ? state.NextEntityKey : null);
        return JsonSerializer.Serialize(shape, CanonicalOptions);
    }

    /// <summary>Value equality of two states (records holding immutable collections compare by reference).</summary>
    public static bool AreEquivalent(PageState a, PageState b, bool includeVersionAndCounters = true) =>
        string.Equals(ToCanonicalJson(a, includeVersionAndCounters), ToCanonicalJson(b, includeVersionAndCounters), StringComparison.Ordinal);

    private sealed record CanonicalState(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Version,
        IReadOnlyList<LineState> Lines,
        IReadOnlyList<ArticleState> Articles,
        IReadOnlyList<EntityState> Entities,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NextArticleKey,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NextEntityKey);
}
