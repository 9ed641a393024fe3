using System.Globalization;
using System.Text;
using Workbench.Core.Text;

namespace Workbench.Core.Segmentation;

/// <summary>Builds article titles from headline lines and measures how much a headline shares with a body.</summary>
internal static class TitleBuilder
{
    /// <summary>The headline lines joined: letter-spacing collapsed (徐 振 朋 → 徐振朋), CJK lines joined without a space, Latin with one.</summary>
    public static string Title(HeadBlock? head) =>
        head is null
            ? ""
            : ArticleText.JoinLines(head.Lines.Where(p => p.Role == BlockRole.Headline).Select(p => Collapse(p.Line)));

    /// <summary>The visible text of a line, with the letter-spacing of a spaced-out CJK headline removed.</summary>
    public static string Collapse(ClassifiedLine line)
    {
        if (!line.LetterSpaced)
        {
            return line.Content;
        }

        var text = line.Content;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && !(i > 0 && i + 1 < text.Length && IsLatinOrDigit(result.Length > 0 ? result[^1] : ' ') && IsLatinOrDigit(text[i + 1])))
            {
                continue;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }

    /// <summary>How many distinct headline grams (CJK character pairs, Latin words of 4+ letters) occur in the body.</summary>
    public static int Overlap(HeadBlock head, IEnumerable<ClassifiedLine> body) => Overlap(HeadGrams(head), BodyText(body));

    /// <summary>The same count from a headline's grams and a body's text made once (a page compares each with its two neighbours).</summary>
    internal static int Overlap(HashSet<string> grams, string bodyText) => grams.Count(bodyText.Contains);

    internal static HashSet<string> HeadGrams(HeadBlock head) =>
        Grams(Normalise(string.Concat(head.Lines.Where(p => p.Role != BlockRole.Subheadline).Select(p => p.Line.Content))));

    internal static string BodyText(IEnumerable<ClassifiedLine> body) => Normalise(string.Concat(body.Select(l => l.Content)));

    private static HashSet<string> Grams(string text)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        var runes = text.EnumerateRunes().ToList();
        for (var i = 0; i + 1 < runes.Count; i++)
        {
            if (ArticleText.IsCjkCodePoint(runes[i].Value) && ArticleText.IsCjkCodePoint(runes[i + 1].Value)
                && Rune.IsLetter(runes[i]) && Rune.IsLetter(runes[i + 1]))
            {
                grams.Add(string.Concat(runes[i].ToString(), runes[i + 1].ToString()));
            }
        }

        var word = new StringBuilder();
        foreach (var rune in runes.Append(new Rune(' ')))
        {
            if (rune.Value < 0x250 && Rune.IsLetter(rune))
            {
                word.Append(rune.ToString());
                continue;
            }

            if (word.Length >= 4)
            {
                grams.Add(word.ToString());
            }

            word.Clear();
        }

        return grams;
    }

    /// <summary>Lower-case, no whitespace for CJK comparison; Latin words keep single spaces so word grams still match.</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                continue;
            }

            builder.Append(c);
        }

        return RemoveSpacesBetweenCjk(builder.ToString());
    }

    private static string RemoveSpacesBetweenCjk(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && i > 0 && i + 1 < text.Length && (!IsLatinOrDigit(text[i - 1]) || !IsLatinOrDigit(text[i + 1])))
            {
                continue;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }

    private static bool IsLatinOrDigit(char c) => c < 0x250 && char.IsLetterOrDigit(c);
}
