using System.Buffers;
using System.Text;

namespace Workbench.Core.Export;

/// <summary>
/// <c>conll</c>: character-level BIO, one code point and its tag per line separated by one space (<c>徐 B-PER</c>).
/// A character is a Unicode code point (a surrogate pair stays together; combining marks get their own line, as in
/// the usual Chinese character datasets). Whitespace is left out. A blank line follows each sentence (after
/// 。！？!? and any closing quotes/brackets right after them, but never inside an entity) and each article.
/// Overlapping or nested entities: the longest wins, then the earliest; the others are counted in <see cref="Dropped"/>.
/// </summary>
public sealed class ConllWriter : IExportWriter
{
    private readonly StreamWriter _writer;
    private readonly List<ExportDrop> _dropped = [];
    private readonly Dictionary<string, (string B, string I)> _tags = new(StringComparer.Ordinal);
    private bool _completed;

    public ConllWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _writer = new StreamWriter(stream, ExportJson.Utf8NoBom, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" };
    }

    public IReadOnlyList<ExportDrop> Dropped => _dropped;

    /// <summary>Releases the text writer (flushing it); the stream stays open (it is the caller's).</summary>
    public void Dispose() => _writer.Dispose();

    public void Write(ExportArticle article, string split)
    {
        ArgumentNullException.ThrowIfNull(article);
        ObjectDisposedException.ThrowIf(_completed, this);
        var text = article.Text;
        if (text.Length == 0)
        {
            return;
        }

        // owner[i] = index of the kept entity covering UTF-16 position i, or -1.
        var owner = ArrayPool<int>.Shared.Rent(text.Length);
        try
        {
            Array.Fill(owner, -1, 0, text.Length);
            var kept = Choose(article, owner);
            WriteCharacters(text, owner, kept);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(owner);
        }
    }

    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _writer.Flush();
        _writer.Dispose();
    }

    /// <summary>Keeps the outermost entities (longest, then earliest) and marks their positions in <paramref name="owner"/>.</summary>
    private List<ExportEntity> Choose(ExportArticle article, int[] owner)
    {
        var text = article.Text;
        var entities = article.Entities;
        var kept = new List<ExportEntity>(entities.Count);
        var order = new int[entities.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Longest first, then earliest, then input order (a stable, total order).
        Array.Sort(order, (x, y) =>
        {
            var (a, b) = (entities[x], entities[y]);
            var byLength = (b.End - b.Start).CompareTo(a.End - a.Start);
            return byLength != 0 ? byLength : a.Start != b.Start ? a.Start.CompareTo(b.Start) : x.CompareTo(y);
        });
        foreach (var index in order)
        {
            var entity = entities[index];
            if (entity.Start < 0 || entity.End > text.Length || entity.Start >= entity.End)
            {
                Drop(article, entity, "conll: the range is empty or outside the text");
                continue;
            }

            var range = owner.AsSpan(entity.Start, entity.End - entity.Start);
            if (range.ContainsAnyExcept(-1))
            {
                Drop(article, entity, "conll: nested in or overlapping a longer entity");
                continue;
            }

            if (text.AsSpan(entity.Start, entity.End - entity.Start).IsWhiteSpace())
            {
                Drop(article, entity, "conll: the entity is only whitespace");
                continue;
            }

            range.Fill(kept.Count);
            kept.Add(entity);
        }

        return kept;
    }

    private void Drop(ExportArticle article, ExportEntity entity, string reason) =>
        _dropped.Add(new ExportDrop(article.Id, $"entity {entity.Label} “{entity.Text}” at {entity.Start}..{entity.End}", reason, entity.Label));

    private void WriteCharacters(string text, int[] owner, List<ExportEntity> kept)
    {
        var writer = _writer;
        var inSentence = false;
        var sentenceEnding = false; // after 。！？!? (and closers following it)
        var previousOwner = -1;
        for (var i = 0; i < text.Length;)
        {
            // A lone surrogate decodes as U+FFFD with length 1 and is written as it is.
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            if (Rune.IsWhiteSpace(rune))
            {
                i += length;
                continue;
            }

            var who = owner[i];
            var continues = who >= 0 && who == previousOwner;
            if (sentenceEnding && !IsCloser(rune) && !continues)
            {
                writer.Write('\n');
                inSentence = false;
                sentenceEnding = false;
            }

            writer.Write(text.AsSpan(i, length));
            writer.Write(' ');
            if (who < 0)
            {
                writer.Write('O');
            }
            else
            {
                var tags = Tags(kept[who].Label);
                writer.Write(continues ? tags.I : tags.B);
            }

            writer.Write('\n');
            inSentence = true;
            if (IsSentenceEnd(rune))
            {
                sentenceEnding = true;
            }

            previousOwner = who;
            i += length;
        }

        if (inSentence)
        {
            writer.Write('\n');
        }
    }

    private (string B, string I) Tags(string label)
    {
        if (!_tags.TryGetValue(label, out var tags))
        {
            tags = ("B-" + label, "I-" + label);
            _tags[label] = tags;
        }

        return tags;
    }

    private static bool IsSentenceEnd(Rune rune) => rune.Value is '。' or '！' or '？' or '!' or '?';

    private static bool IsCloser(Rune rune) =>
        rune.Value is '”' or '’' or '」' or '』' or '）' or ')' or '】' or '》' or '〉' or '"' or '\'' or '］' or ']' or '〕';
}
