namespace Workbench.Core.Export;

/// <summary>A labelled span in UTF-16 offsets of its text, end exclusive.</summary>
public sealed record ImportedSpan(int Start, int End, string Label);

/// <summary>One text with its spans (sorted by start, longer first).</summary>
public sealed record ImportedText(string Text, IReadOnlyList<ImportedSpan> Spans);

/// <summary>What a file carried that is not imported, by kind (counted, so the import summary can say so).</summary>
public enum NotImportedKind
{
    /// <summary>doccano <c>relations</c>, Label Studio <c>relation</c> results, Prodigy <c>relations</c>: links between spans.</summary>
    Relations,

    /// <summary>Prodigy records answered <c>reject</c> or <c>ignore</c>: the annotator turned them down; their texts are left out.</summary>
    RejectedRecords,

    /// <summary>Label Studio annotations after the first one read of a task (another annotator's work on the same text).</summary>
    OtherAnnotations,

    /// <summary>Label Studio <c>predictions</c> (a model's suggestions, not an annotator's work).</summary>
    Predictions,

    /// <summary>Label Studio results of a type that holds no span (<c>choices</c>, <c>textarea</c>, <c>rating</c>…); the detail is the type.</summary>
    OtherResults,
}

/// <summary>A count of one kind of thing not imported; <see cref="Detail"/> is a format's own identifier (a result type), or null.</summary>
public sealed record NotImported(NotImportedKind Kind, int Count, string? Detail = null);

/// <summary>An imported annotation file: its name, its texts in file order, and what it carried that was not imported.</summary>
public sealed record ImportedDocument(string Name, IReadOnlyList<ImportedText> Texts)
{
    public IReadOnlyList<NotImported> NotImported { get; init; } = [];

    /// <summary>The relations the file had (not imported: Workbench has no relations).</summary>
    public int Relations => NotImported.Where(n => n.Kind == NotImportedKind.Relations).Sum(n => n.Count);
}

public enum AnnotationFormat
{
    /// <summary>
    /// JSON Lines <c>{"text", "entities": [{start, end, label}]}</c> (our <c>ner-jsonl</c> export), Prodigy/spaCy <c>"spans"</c> or
    /// spaCy <c>Doc.to_json()</c> <c>"ents"</c>; code points (Python string offsets), end exclusive.
    /// </summary>
    NerJsonl,

    /// <summary>doccano JSONL: <c>{"text", "label": [[start, end, "TYPE"]]}</c> or <c>"entities": [{start_offset, end_offset, label}]</c>; code points, end exclusive.</summary>
    Doccano,

    /// <summary>CLUENER: <c>{"text", "label": {"type": {"entity text": [[start, end_inclusive]]}}}</c>; code points.</summary>
    Cluener,

    /// <summary>Character CoNLL: "char TAG" (space or tab) per line, blank line between sentences; BIO, BIOES/IOBES, BMES and BILOU tags.</summary>
    Conll,

    /// <summary>Label Studio JSON export: an array of tasks with <c>data.text</c> and <c>labels</c> results; code points.</summary>
    LabelStudio,
}

/// <summary>Where in a file a refusal points: a line (JSON Lines, CoNLL) or a task (Label Studio), or the whole file.</summary>
public enum AnnotationPlace
{
    File,
    Line,
    Task,
}

/// <summary>A refused annotation file: the 1-based line or task and why.</summary>
public sealed class AnnotationImportException : Exception
{
    public AnnotationImportException()
    {
    }

    public AnnotationImportException(string message)
        : base(message)
    {
    }

    public AnnotationImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A refusal at a line (<paramref name="record"/> &gt; 0) or of the whole file (0).</summary>
    public AnnotationImportException(int record, string reason, Exception? innerException = null)
        : this(record > 0 ? AnnotationPlace.Line : AnnotationPlace.File, record, reason, innerException)
    {
    }

    public AnnotationImportException(AnnotationPlace place, int record, string reason, Exception? innerException = null)
        : base(Describe(place, record, reason), innerException)
    {
        Place = record > 0 ? place : AnnotationPlace.File;
        Record = record;
        Reason = reason;
    }

    public AnnotationPlace Place { get; }

    /// <summary>The 1-based line or task number, 0 when the problem is the whole file.</summary>
    public int Record { get; }

    public string Reason { get; } = "";

    private static string Describe(AnnotationPlace place, int record, string reason) => record <= 0 ? reason : place switch
    {
        AnnotationPlace.Task => CoreText.Format("Annot.Task", record, reason),
        _ => CoreText.Format("Annot.Line", record, reason),
    };
}

/// <summary>A problem inside one record; the reader turns it into an <see cref="AnnotationImportException"/> with the record's place.</summary>
internal sealed class RecordException(string message) : Exception(message);
