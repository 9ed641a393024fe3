using System.Text.Json;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Core.Text;

namespace Workbench.Core.Export;

/// <summary>Builds <see cref="ExportArticle"/> values from page states and imported documents.</summary>
public static class ExportArticles
{
    /// <summary>
    /// The article <paramref name="articleKey"/> of <paramref name="state"/> in export form, or null when there is no such
    /// article. Entities are mapped with <see cref="ArticleTexts"/>; an entity's exported text is always the slice of
    /// the article text at its range. When that slice differs from the stored text only by what the line join does
    /// (line breaks, spaces, a removed end-of-line hyphen) the slice is taken; any other difference, a range that
    /// leaves the article, an empty range or one that cuts a surrogate pair is reported in <see cref="ExportArticle.Dropped"/>.
    /// </summary>
    public static ExportArticle? From(
        PageState state,
        int articleKey,
        ExportPageInfo page,
        string id,
        IReadOnlyList<string>? annotators = null,
        string? reviewer = null,
        string pageFormat = "text")
    {
        ArgumentNullException.ThrowIfNull(state);
        var article = state.FindArticle(articleKey);
        var map = ArticleTexts.Build(state, articleKey);
        if (article is null || map is null)
        {
            return null;
        }

        var text = map.Text;
        var entities = new List<ExportEntity>();
        var dropped = new List<ExportDrop>();
        foreach (var entity in state.Entities)
        {
            var start = map.OffsetOf(entity.Start);
            var end = map.OffsetOf(entity.End);
            if (start is null && end is null)
            {
                continue; // another article's entity
            }

            var item = $"entity {entity.Key} {entity.Label} “{entity.Text}”";
            if (start is null || end is null)
            {
                dropped.Add(new ExportDrop(id, item, "the entity crosses the article boundary", entity.Label));
                continue;
            }

            if (start.Value >= end.Value)
            {
                dropped.Add(new ExportDrop(id, item, "the entity is empty in the joined article text", entity.Label));
                continue;
            }

            if (CutsSurrogatePair(text, start.Value) || CutsSurrogatePair(text, end.Value))
            {
                dropped.Add(new ExportDrop(id, item, "the entity's range cuts a surrogate pair", entity.Label));
                continue;
            }

            var slice = text[start.Value..end.Value];
            if (!string.Equals(slice, entity.Text, StringComparison.Ordinal) && !SameExceptJoin(slice, entity.Text))
            {
                dropped.Add(new ExportDrop(id, item, $"the article text at the entity's range is “{slice}”", entity.Label));
                continue;
            }

            entities.Add(new ExportEntity(start.Value, end.Value, entity.Label, slice, Name(entity.Source.ToString())));
        }

        entities.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));

        var lines = new List<ExportLine>();
        var blocks = new List<ExportBlock>();
        foreach (var block in article.Blocks)
        {
            var blockLines = new List<string>();
            for (var n = block.FirstLine; n <= block.LastLine; n++)
            {
                if (state.Lines.TryGetValue(n, out var line))
                {
                    lines.Add(new ExportLine(n, line.Original, line.Text));
                    blockLines.Add(line.Text);
                }
            }

            blocks.Add(new ExportBlock(block.Role.Name(), block.FirstLine, block.LastLine, ArticleText.JoinLines(blockLines)));
        }

        IReadOnlyList<string> who = annotators ?? (article.AssigneeId is { } assignee ? [assignee] : []);
        return new ExportArticle(id, page, article.Title, text, entities, Name(article.Status.ToString()), who, reviewer)
        {
            Blocks = blocks,
            Lines = lines,
            PageFormat = pageFormat,
            PageLineCount = state.Lines.Count,
            Dropped = dropped,
        };
    }

    /// <summary>
    /// One article per text of an imported document, ids <c>name#1</c>, <c>name#2</c>, ... (for converting between
    /// annotation formats). Spans become entities with source "imported".
    /// </summary>
    public static IEnumerable<ExportArticle> FromImported(ImportedDocument document, string status = "imported")
    {
        ArgumentNullException.ThrowIfNull(document);
        var page = new ExportPageInfo(document.Name, null, null, null);
        for (var i = 0; i < document.Texts.Count; i++)
        {
            var text = document.Texts[i];
            var entities = text.Spans
                .Select(s => new ExportEntity(s.Start, s.End, s.Label, text.Text[s.Start..s.End], "imported"))
                .ToList();
            yield return new ExportArticle($"{document.Name}#{i + 1}", page, "", text.Text, entities, status, [], null);
        }
    }

    internal static string Name(string enumName) => JsonNamingPolicy.CamelCase.ConvertName(enumName);

    private static bool CutsSurrogatePair(string text, int offset) =>
        offset > 0 && offset < text.Length && char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]);

    /// <summary>Equal once line breaks, whitespace and hyphens (what joining lines adds or removes) are ignored.</summary>
    private static bool SameExceptJoin(string a, string b) => Strip(a) == Strip(b);

    private static string Strip(string s) =>
        string.Concat(s.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '\u2010' and not '\u00AD'));
}
