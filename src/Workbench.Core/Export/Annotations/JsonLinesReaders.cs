using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>Counts what a file carried that is not imported, by kind and detail.</summary>
internal sealed class NotImportedCounter
{
    private readonly Dictionary<(NotImportedKind, string?), int> counts = [];

    public void Add(NotImportedKind kind, int count, string? detail = null)
    {
        if (count > 0)
        {
            counts[(kind, detail)] = counts.GetValueOrDefault((kind, detail)) + count;
        }
    }

    public IReadOnlyList<NotImported> ToList() =>
        [.. counts.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal).Select(p => new NotImported(p.Key.Item1, p.Value, p.Key.Item2))];
}

/// <summary>
/// A reader of one JSON Lines record shape (the record model the JSON Lines formats share): the fields it reads or knows to hold
/// no annotation (any other span-like field refuses the record), and the record's text and spans.
/// </summary>
internal interface IJsonRecordReader
{
    /// <summary>Fields read, or known to hold no annotation; <c>relations</c> is counted by the runner for every shape.</summary>
    IReadOnlySet<string> Fields { get; }

    /// <summary>The record's text and spans, or null when the format says to leave the record out (counted in <paramref name="notes"/>).</summary>
    ImportedText? Read(JsonElement record, NotImportedCounter notes);
}

/// <summary>Runs a record reader over the records of a JSON Lines file; any problem refuses the file naming the record's line.</summary>
internal static class JsonLines
{
    public static ImportedDocument Read(string name, List<(int Line, JsonElement Record)> records, IJsonRecordReader reader)
    {
        var texts = new List<ImportedText>();
        var notes = new NotImportedCounter();
        foreach (var (line, record) in records)
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw new AnnotationImportException(line, CoreText.Format("Annot.ExpectedObject", AnnotationJson.KindWords(record.ValueKind)));
            }

            try
            {
                AnnotationJson.RefuseUnreadSpans(record, reader.Fields);
                notes.Add(NotImportedKind.Relations, AnnotationJson.Relations(record));
                if (reader.Read(record, notes) is { } text)
                {
                    texts.Add(text);
                }
            }
            catch (RecordException e)
            {
                throw new AnnotationImportException(line, e.Message, e);
            }
        }

        return new ImportedDocument(name, texts) { NotImported = notes.ToList() };
    }
}
