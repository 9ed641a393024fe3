using System.Globalization;
using Workbench.Core.Pages;
using Workbench.Core.Text;

namespace Workbench.Core.Segmentation;

/// <summary>Classifies each source line on its own: byline, credit, jump line, furniture, Markdown heading, or text with its typography.</summary>
internal static class LineClassifier
{
    private const int MaxCjkHeadline = 40;
    private const int MaxLatinHeadline = 90;

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "at", "by", "with", "from", "as", "vs", "but", "nor", "per", "via",
    };

    public static IReadOnlyList<ClassifiedLine> Classify(SourcePage page) =>
        page.Lines.Select(line => Classify(line, page.Format)).ToList();

    public static ClassifiedLine Classify(SourceLine line, SourceFormat format)
    {
        if (line.IsBlank)
        {
            return new ClassifiedLine(line.Number, line.Text, LineKind.Blank, "");
        }

        var content = line.Text.Trim();
        var headingLevel = 0;
        if (format == SourceFormat.Markdown)
        {
            headingLevel = content.TakeWhile(c => c == '#').Count();
            if (headingLevel is > 0 and <= 6 && content.Length > headingLevel && content[headingLevel] == ' ')
            {
                content = content[headingLevel..].Trim();
            }
            else
            {
                headingLevel = 0;
            }
        }

        var latin = IsLatin(content);
        var kind = headingLevel switch
        {
            1 => LineKind.MarkdownTitle,
            > 1 => LineKind.MarkdownSection,
            _ => KindOf(content, latin),
        };

        var length = content.Count(c => !char.IsWhiteSpace(c) && !char.IsLowSurrogate(c));
        var letterSpaced = !latin && IsLetterSpaced(content);
        var allCaps = latin && IsAllCaps(content);
        var titleCase = latin && !allCaps && IsTitleCase(content);
        var shaped = length >= 2
            && length <= (latin ? MaxLatinHeadline : MaxCjkHeadline)
            && !HasBodyPunctuation(content)
            && !content.EndsWith('、') && !content.EndsWith('：') && !content.EndsWith(':');
        var closesWithParenthesis = content.EndsWith('）') || content.EndsWith(')');
        var endsArticle = kind is LineKind.ContinuedTo or LineKind.PhotoCredit or LineKind.SourceCredit
            || (closesWithParenthesis && (LinePatterns.SourceCreditTail().IsMatch(content) || LinePatterns.BriefAuthorTail().IsMatch(content)))
            || (MayBeJump(content) && LinePatterns.ContinuedTo().IsMatch(content));

        return new ClassifiedLine(line.Number, line.Text, kind, content)
        {
            Length = length,
            Indented = char.IsWhiteSpace(line.Text[0]),
            Latin = latin,
            LetterSpaced = letterSpaced,
            AllCaps = allCaps,
            TitleCase = titleCase,
            HeadlineShaped = shaped && kind is LineKind.Text or LineKind.MarkdownTitle or LineKind.MarkdownSection,
            EndsSentence = EndsSentence(content),
            SentenceInside = HasSentenceInside(content),
            EndsArticle = endsArticle,
            BylineOnly = kind is LineKind.ReporterByline || (kind is LineKind.Dateline && IsBylineOnly(content)),
            HeadingLevel = headingLevel,
            DashLead = kind == LineKind.Text && length <= 45 && LinePatterns.DashSubheadline().IsMatch(content),
        };
    }

    /// <summary>Cheap tests first: the patterns only run on lines that can match them (a page is classified on every edit).</summary>
    private static LineKind KindOf(string content, bool latin)
    {
        if (LinePatterns.Furniture().IsMatch(content))
        {
            return LineKind.Furniture;
        }

        if (!latin && LinePatterns.ChinesePageCredit().IsMatch(content))
        {
            return LineKind.PageCredit;
        }

        if (LinePatterns.ContinuedFrom().IsMatch(content))
        {
            return LineKind.ContinuedFrom;
        }

        if (latin ? LinePatterns.EnglishDateline().IsMatch(content) || MayBeDatelineLine(content) : LinePatterns.ChineseDateline().IsMatch(content))
        {
            return LineKind.Dateline;
        }

        if (latin ? LinePatterns.EnglishPhotoCredit().IsMatch(content) : MayBePhotoCredit(content) && LinePatterns.ChinesePhotoCredit().IsMatch(content))
        {
            return LineKind.PhotoCredit;
        }

        if (latin ? LinePatterns.EnglishByline().IsMatch(content) : LinePatterns.ChineseReporterByline().IsMatch(content))
        {
            return LineKind.ReporterByline;
        }

        if ((content.StartsWith('（') || content.StartsWith('(')) && LinePatterns.SourceCreditTail().Match(content) is { Success: true, Index: 0 })
        {
            return LineKind.SourceCredit;
        }

        if (MayBeJump(content))
        {
            var jump = LinePatterns.ContinuedTo().Match(content);
            if (jump.Success && jump.Index == 0)
            {
                return LineKind.ContinuedTo;
            }
        }

        return LinePatterns.SectionMarker().IsMatch(content) ? LineKind.SectionMarker : LineKind.Text;
    }

    private static bool MayBePhotoCredit(string content) =>
        content.EndsWith('摄') || content.EndsWith("摄影", StringComparison.Ordinal) || content.Contains('图', StringComparison.Ordinal);

    private static bool MayBeJump(string content) =>
        content.Contains('转', StringComparison.Ordinal) || content.Contains("ontinued", StringComparison.Ordinal) || content.Contains("See ", StringComparison.Ordinal);

    /// <summary>Commas, full stops and semicolons do not occur in headlines (a Latin comma may: "Fire Destroys Barn, Kills Cows").</summary>
    private static bool HasBodyPunctuation(string content)
    {
        if (content.AsSpan().IndexOfAny("，。；;") >= 0)
        {
            return true;
        }

        var dot = content.IndexOf('.', StringComparison.Ordinal);
        return dot >= 0 && (dot == content.Length - 1 || content.Contains(". ", StringComparison.Ordinal));
    }

    /// <summary>The line ends with sentence-final punctuation, possibly followed by closing quotes or brackets.</summary>
    private static bool EndsSentence(string content)
    {
        var i = content.Length - 1;
        while (i >= 0 && (char.IsWhiteSpace(content[i]) || content[i] is '”' or '’' or '」' or '』' or '）' or ')' or '"' or '\''))
        {
            i--;
        }

        return i >= 0 && content[i] is '。' or '！' or '？' or '!' or '?' or '.' or '…';
    }

    /// <summary>
    /// An ideographic full stop with text after it, or a Latin word of three or more lower-case letters, a full stop and a capital
    /// ("plan. Residents", "plan.\" Residents"; not "Gov. Brown" or "U.S. Senate"). A headline has no sentence end inside it, nor
    /// does a CJK one have 。.
    /// </summary>
    private static bool HasSentenceInside(string content)
    {
        var stop = content.IndexOf('。', StringComparison.Ordinal);
        if (stop >= 0 && content.AsSpan(stop + 1).TrimStart("”’」』）) ").Length > 0)
        {
            return true;
        }

        // Any full stop, not only ". ": a closing quote or bracket may stand between it and the space ("plan.\" Residents").
        return content.Contains('.', StringComparison.Ordinal) && LinePatterns.LatinSentenceInside().IsMatch(content);
    }

    /// <summary>A dateline with at most the reporter in parentheses after it, no story text.</summary>
    private static bool IsBylineOnly(string content)
    {
        var rest = content[LinePatterns.ChineseDateline().Match(content).Length..];
        return rest.Trim().Length == 0 || LinePatterns.ParenthesisedReporter().IsMatch(rest);
    }

    /// <summary>A place-and-date line is short and has a comma and a digit; only such lines go through the month names' regex.</summary>
    private static bool MayBeDatelineLine(string content) =>
        content.Length <= 80 && content.Contains(',', StringComparison.Ordinal) && content.AsSpan().IndexOfAnyInRange('0', '9') >= 0
        && LinePatterns.LatinDatelineLine().IsMatch(content);

    /// <summary>Most tokens are a single character: 徐 振 朋 ：积 极 探 索.</summary>
    internal static bool IsLetterSpaced(string content)
    {
        var tokens = content.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length < 4)
        {
            return false;
        }

        var single = tokens.Count(t => t.Count(c => char.IsLetterOrDigit(c) || char.IsHighSurrogate(c)) <= 1);
        return single * 10 >= tokens.Length * 7;
    }

    private static bool IsLatin(string content)
    {
        int latin = 0, cjk = 0;
        foreach (var rune in content.EnumerateRunes())
        {
            if (ArticleText.IsCjkCodePoint(rune.Value))
            {
                cjk++;
            }
            else if (rune.Value < 0x250 && System.Text.Rune.IsLetter(rune))
            {
                latin++;
            }
        }

        return latin > cjk * 2 && latin > 0;
    }

    private static bool IsAllCaps(string content) =>
        content.Count(char.IsUpper) >= 4 && !content.Any(char.IsLower) && Words(content).Count >= 2;

    private static bool IsTitleCase(string content)
    {
        var words = Words(content);
        if (words.Count < 3 || !char.IsUpper(words[0][0]))
        {
            return false;
        }

        return words.All(w => char.IsUpper(w[0]) || char.IsDigit(w[0]) || SmallWords.Contains(w.ToLower(CultureInfo.InvariantCulture)));
    }

    private static List<string> Words(string content) =>
        content.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('"', '\'', '“', '”', '‘', '’', '(', ')', ':', ',', '!', '?'))
            .Where(w => w.Length > 0 && char.IsLetterOrDigit(w[0]))
            .ToList();
}
