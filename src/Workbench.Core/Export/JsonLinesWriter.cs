using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>Base for JSON Lines writers: one compact JSON object and "\n" per record, flushed record by record.</summary>
public abstract class JsonLinesWriter : IExportWriter
{
    private readonly Stream _stream;
    private bool _completed;

    protected JsonLinesWriter(Stream stream)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        Json = new Utf8JsonWriter(stream, ExportJson.Compact);
    }

    protected Utf8JsonWriter Json { get; }

    public IReadOnlyList<ExportDrop> Dropped => [];

    public abstract void Write(ExportArticle article, string split);

    public virtual void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            Json.Flush();
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        Json.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Ends the record just written: flushes it and writes the line end.</summary>
    protected void EndRecord()
    {
        Json.Flush();
        _stream.WriteByte((byte)'\n');
        Json.Reset();
    }
}
