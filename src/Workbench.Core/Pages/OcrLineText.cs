using System.Globalization;
using System.Text;

namespace Workbench.Core.Pages;

/// <summary>
/// Builds one line's text from the words a word-segmenting OCR engine gives (hOCR <c>ocrx_word</c>s, ALTO <c>String</c>s with
/// <c>SP</c>, PAGE <c>Word</c>s). Such engines put a word boundary, written as a space, between every two words, also where
/// Chinese and Japanese print none: Tesseract's chi_sim hOCR reads 李资政星期一 as <c>李 资 政 星期 一</c>. So the space
/// between two words is left out when the characters on both sides of it are CJK (ideographs, kana, CJK and full-width
/// punctuation), or one is CJK and the other a digit or punctuation (<c>4 月 14 日 )</c> → <c>4月14日)</c>). Hangul keeps
/// its spaces (Korean separates words), and so does a Latin letter next to CJK (<c>使用 Windows 系统</c>): whether the print had
/// a space there cannot be told. What the file said, words joined with single spaces, is kept as <see cref="Raw"/> when it
/// differs, so nothing is lost.
/// </summary>
internal sealed class OcrLineText
{
    private readonly StringBuilder text = new();
    private readonly StringBuilder raw = new();
    private bool pendingSpace;

    /// <summary>A word boundary (ALTO <c>SP</c>, or the gap between two hOCR words); nothing at the start of the line.</summary>
    public void Space()
    {
        if (raw.Length > 0)
        {
            pendingSpace = true;
        }
    }

    /// <summary>A word, after the boundary before it (if any).</summary>
    public void Word(string word)
    {
        if (word.Length == 0)
        {
            return;
        }

        if (pendingSpace)
        {
            raw.Append(' ');
            if (!Joins(text, word))
            {
                text.Append(' ');
            }

            pendingSpace = false;
        }

        raw.Append(word);
        text.Append(word);
    }

    /// <summary>Text glued to what came before, whatever it is (ALTO <c>HYP</c>): a pending boundary is dropped.</summary>
    public void Glued(string value)
    {
        pendingSpace = false;
        raw.Append(value);
        text.Append(value);
    }

    /// <summary>The line's text, and the words as the file joined them when that differs (else null).</summary>
    public (string Text, string? Raw) Result()
    {
        var joined = text.ToString();
        var asRead = raw.ToString();
        return (joined, string.Equals(joined, asRead, StringComparison.Ordinal) ? null : asRead);
    }

    /// <summary>Whether the boundary between <paramref name="before"/> and <paramref name="next"/> is no space in print.</summary>
    internal static bool Joins(StringBuilder before, string next)
    {
        if (before.Length == 0)
        {
            return false;
        }

        var last = before.Length >= 2 && char.IsLowSurrogate(before[^1]) && char.IsHighSurrogate(before[^2])
            ? char.ConvertToUtf32(before[^2], before[^1])
            : before[^1];
        var first = char.IsHighSurrogate(next[0]) && next.Length > 1 && char.IsLowSurrogate(next[1]) ? char.ConvertToUtf32(next[0], next[1]) : next[0];
        return (IsCjk(last) && (IsCjk(first) || IsNeutral(first))) || (IsNeutral(last) && IsCjk(first));
    }

    /// <summary>Ideographs, kana, bopomofo, CJK symbols and punctuation, full-width forms; not Hangul.</summary>
    internal static bool IsCjk(int cp) =>
        cp is >= 0x2E80 and <= 0x2FFF       // radicals, Kangxi radicals, ideographic description
        or >= 0x3000 and <= 0x303F          // CJK symbols and punctuation (。、「」〇々)
        or >= 0x3040 and <= 0x30FF          // hiragana, katakana
        or >= 0x3100 and <= 0x312F          // bopomofo
        or >= 0x3190 and <= 0x31FF          // kanbun, bopomofo extended, strokes, katakana extensions
        or >= 0x3200 and <= 0x4DBF          // enclosed CJK, compatibility, extension A
        or >= 0x4E00 and <= 0x9FFF          // CJK unified ideographs
        or >= 0xF900 and <= 0xFAFF          // compatibility ideographs
        or >= 0xFE10 and <= 0xFE1F          // vertical forms
        or >= 0xFE30 and <= 0xFE4F          // CJK compatibility forms
        or >= 0xFF00 and <= 0xFF9F          // full-width ASCII variants and punctuation, half-width katakana
        or >= 0xFFE0 and <= 0xFFEF          // full-width signs
        or >= 0x1B000 and <= 0x1B16F        // kana supplement and extensions
        or >= 0x20000 and <= 0x3FFFF;       // ideograph extensions B and later (𠀀)

    /// <summary>Digits, punctuation and symbols (emoji too) outside CJK: they join a CJK neighbour (<c>14日</c>, <c>)在</c>) but never each other.</summary>
    private static bool IsNeutral(int cp)
    {
        var category = Rune.IsValid(cp) ? Rune.GetUnicodeCategory(new Rune(cp)) : UnicodeCategory.OtherNotAssigned;
        return category is UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.OtherPunctuation
            or UnicodeCategory.DashPunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
            or UnicodeCategory.OtherSymbol;
    }
}
