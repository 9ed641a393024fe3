using Workbench.Core.Editing;

namespace Workbench.Core.Tagging;

/// <summary>A range of page text in line coordinates; <see cref="Text"/> is <see cref="PageText.Slice"/> of it.</summary>
public readonly record struct TextRange(Anchor Start, Anchor End, string Text);

/// <summary>"Tag every occurrence": finding a text in an article or on the whole page and tagging each place.</summary>
public static class Occurrences
{
    /// <summary>
    /// Every occurrence of <paramref name="text"/> (line breaks in it joined as on the page) in article
    /// <paramref name="articleKey"/>, or on the whole page (articles and unassigned lines) when it is null; ordered by
    /// start, not overlapping (scanning left to right), never splitting a surrogate pair or combining sequence.
    /// Occurrences may cross line breaks within a block of consecutive non-blank lines.
    /// </summary>
    public static IReadOnlyList<TextRange> Find(PageState state, string text, int? articleKey)
    {
        ArgumentNullException.ThrowIfNull(state);
        var needle = TaggingText.Normalize(text ?? "");
        if (needle.Length == 0)
        {
            return [];
        }

        IEnumerable<TaggingBlock> blocks;
        if (articleKey is { } key)
        {
            var article = state.FindArticle(key);
            blocks = article is null ? [] : TaggingText.ArticleBlocks(state, article);
        }
        else
        {
            blocks = TaggingText.PageBlocks(state);
        }

        var found = new List<TextRange>();
        foreach (var block in blocks)
        {
            var at = 0;
            while ((at = block.Text.IndexOf(needle, at, StringComparison.Ordinal)) >= 0)
            {
                if (block.Map(at, at + needle.Length) is { } range)
                {
                    found.Add(new TextRange(range.Start, range.End, PageText.Slice(state, range.Start, range.End)!));
                    at += needle.Length;
                }
                else
                {
                    at++;
                }
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>
    /// A <see cref="Batch"/> of <see cref="AddEntity"/> operations tagging every occurrence from <see cref="Find"/> as
    /// <paramref name="label"/>, skipping ranges already tagged with that label and places an editor may not tag
    /// (unassigned lines, approved articles). The batch may be empty.
    /// </summary>
    public static Batch TagAll(PageState state, string text, string label, int? articleKey = null, EntitySource source = EntitySource.Manual)
    {
        ArgumentNullException.ThrowIfNull(state);
        var owners = state.LineOwners();
        var editable = state.Articles.Where(a => a.Status != ArticleStatus.Approved).Select(a => a.Key).ToHashSet();
        var operations = new List<PageOperation>();
        foreach (var range in Find(state, text, articleKey))
        {
            var tagged = state.Entities.Exists(e => e.Start == range.Start && e.End == range.End && string.Equals(e.Label, label, StringComparison.Ordinal));
            var allowed = owners.TryGetValue(range.Start.Line, out var owner) && editable.Contains(owner);
            if (!tagged && allowed)
            {
                operations.Add(new AddEntity(label, range.Start, range.End, range.Text, source));
            }
        }

        return new Batch(operations);
    }
}
