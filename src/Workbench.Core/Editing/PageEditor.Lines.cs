using System.Collections.Immutable;
using Workbench.Core.Segmentation;
using static Workbench.Core.Editing.EditMessages;

namespace Workbench.Core.Editing;

// OCR correction: editing a line's text and rebasing the entities on it.
public static partial class PageEditor
{
    private static OperationResult Edit(PageState s, EditLine op, List<string> notes, ChangeRecorder changes, bool withInverse = true)
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
            return Reject(MissingValue, Missing.NewText);
        }

        if (TooLong(op.NewText, EditLimits.MaxLineText, static () => LineTooLong) is { } tooLong)
        {
            return tooLong;
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
                notes.Add(e.Layer is null ? Format(EntityRemovedByEdit, e.Label, Shorten(e.Text)) : LayerEntityRemovedByEdit);
                changes.EntityRemoved(e.Key);
            }
            else
            {
                var moved = e with { Start = start, End = end, Text = text };
                if (moved != e)
                {
                    entities = entities.SetItem(index, moved);
                    changes.Entity(e.Key);
                }
            }
        }

        next = next with { Entities = entities };
        changes.Line(op.Line);
        changes.ContentOfLine(s, op.Line);
        return Ok(next, withInverse ? EditInverse(next, op, touched) : op);
    }

    /// <summary>Editing the text back does not always restore entities (a shrunk or removed one stays so); fix those up explicitly.</summary>
    private static PageOperation EditInverse(PageState after, EditLine op, List<EntityState> touched)
    {
        var back = new EditLine(op.Line, op.NewText, op.ExpectedText);
        if (touched.Count == 0 || Edit(after, back, [], new ChangeRecorder(), withInverse: false) is not OperationResult.Applied { NewState: var restored })
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

            fixes.Add(new AddEntity(original.Label, original.Start, original.End, original.Text, original.Source, original.Key, original.Layer));
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
