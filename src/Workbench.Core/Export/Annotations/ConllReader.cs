using System.Text;

namespace Workbench.Core.Export;

/// <summary>
/// Character CoNLL: "character TAG" per line; blank lines end sentences, and each sentence becomes one text with its characters
/// joined without separators. Fields are split on tabs when the line has one (so a tab-separated token may be any one character,
/// a space included: <c>" \tI-HP"</c>), else on spaces; the token is the first field, the tag the last (middle columns are ignored).
/// Tags: <c>O</c>, and <c>X-TYPE</c> for X in B (begin), I or M (inside), E or L (end), S or U (single): BIO/IOB2, BIOES/IOBES, BMES,
/// BILOU. A file with any E-, S-, M-, L- or U- tag is read by the ending schemes' rules: an entity opened by B- must be ended by
/// E-/L- before an O, a B-, an S- or the sentence's end, and one character is S-/U-. In BIO files an entity runs from B- over the I-s.
/// An I-/M-/E- that does not continue an entity of its type is refused rather than read as a new one: a broken sequence usually means
/// a broken conversion, and guessing would put wrong spans into gold data. Refusals name the line.
/// </summary>
internal static class ConllReader
{
    private const string Prefixes = "BIMESLU";

    public static List<ImportedText> Read(string content)
    {
        var lines = content.Split('\n');
        var ending = lines.Any(l => TrySplit(l.TrimEnd('\r'), out _, out var tag) && tag.Length > 2 && tag[1] == '-' && tag[0] is 'E' or 'S' or 'M' or 'L' or 'U');
        var texts = new List<ImportedText>();
        var text = new StringBuilder();
        var spans = new List<ImportedSpan>();
        string? openLabel = null;
        var openStart = 0;
        var lineNumber = 0;

        void Close()
        {
            spans.Add(new ImportedSpan(openStart, text.Length, openLabel!));
            openLabel = null;
        }

        void RefuseOpen(string next)
        {
            if (openLabel is not null && ending)
            {
                throw new AnnotationImportException(lineNumber, CoreText.Format("Annot.NotEnded", openLabel, next));
            }
        }

        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Trim().Length == 0)
            {
                RefuseOpen(CoreText.Get("Annot.SentenceEnd"));
                if (openLabel is not null)
                {
                    Close();
                }

                if (text.Length > 0)
                {
                    texts.Add(SpanChecks.Text(text.ToString(), [.. spans]));
                }

                text.Clear();
                spans.Clear();
                continue;
            }

            if (!TrySplit(line, out var character, out var tag))
            {
                throw new AnnotationImportException(lineNumber, CoreText.Format("Annot.ExpectedCharacterTag", line));
            }

            if (Rune.DecodeFromUtf16(character, out _, out var length) != System.Buffers.OperationStatus.Done || length != character.Length)
            {
                throw new AnnotationImportException(lineNumber, CoreText.Format("Annot.OneCharacter", character));
            }

            if (!IsTag(tag))
            {
                throw new AnnotationImportException(lineNumber, CoreText.Format("Annot.UnsupportedTag", tag));
            }

            var kind = tag == "O" ? 'O' : tag[0];
            var type = tag == "O" ? "" : tag[2..];
            switch (kind)
            {
                case 'O':
                case 'B':
                case 'S' or 'U':
                    RefuseOpen(tag);
                    if (openLabel is not null)
                    {
                        Close();
                    }

                    if (kind == 'B')
                    {
                        openLabel = type;
                        openStart = text.Length;
                    }
                    else if (kind is 'S' or 'U')
                    {
                        spans.Add(new ImportedSpan(text.Length, text.Length + character.Length, type));
                    }

                    break;
                default: // I, M, E, L: continue the open entity
                    if (openLabel != type)
                    {
                        throw new AnnotationImportException(
                            lineNumber,
                            openLabel is null ? CoreText.Format("Annot.InsideWithoutBegin", tag, type) : CoreText.Format("Annot.InsideOtherLabel", tag, openLabel));
                    }

                    break;
            }

            text.Append(character);
            if (kind is 'E' or 'L')
            {
                Close();
            }
        }

        if (openLabel is not null)
        {
            RefuseOpen(CoreText.Get("Annot.SentenceEnd"));
            Close();
        }

        if (text.Length > 0)
        {
            texts.Add(SpanChecks.Text(text.ToString(), [.. spans]));
        }

        return texts;
    }

    /// <summary>
    /// The token and tag of a line: split on tabs when it has one (the token is the first field as it is, so it may be a space),
    /// else on spaces. False when there are not two fields.
    /// </summary>
    internal static bool TrySplit(string line, out string token, out string tag)
    {
        token = tag = "";
        string[] fields;
        if (line.Contains('\t', StringComparison.Ordinal))
        {
            fields = line.Split('\t');
            var last = Array.FindLastIndex(fields, f => f.Trim().Length > 0);
            if (fields.Length < 2 || last < 1)
            {
                return false;
            }

            token = fields[0].Trim().Length > 0 ? fields[0].Trim() : fields[0];
            tag = fields[last].Trim();
            return token.Length > 0;
        }

        fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            return false;
        }

        token = fields[0];
        tag = fields[^1];
        return true;
    }

    /// <summary>O, or B-/I-/M-/E-/S-/L-/U- and a type.</summary>
    internal static bool IsTag(string tag) => tag == "O" || (tag.Length > 2 && tag[1] == '-' && Prefixes.Contains(tag[0], StringComparison.Ordinal));

    /// <summary>Whether a line reads "token TAG" (for telling CoNLL from other content).</summary>
    internal static bool IsTokenTagLine(string line) => TrySplit(line, out _, out var tag) && IsTag(tag);
}
