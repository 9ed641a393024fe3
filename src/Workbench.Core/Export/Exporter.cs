using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>What to export and how to split it.</summary>
public sealed record ExportOptions(string Format)
{
    /// <summary>Split ratios, or null for one file with everything (split name <see cref="SplitAssigner.NoSplit"/>).</summary>
    public SplitRatios? Split { get; init; }

    public string Seed { get; init; } = "0";

    public string? Project { get; init; }

    /// <summary>The filters that selected the articles (e.g. status=approved), recorded in the manifest.</summary>
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>();

    /// <summary>Overrides the tool version recorded in the manifest (default: this assembly's informational version).</summary>
    public string? ToolVersion { get; init; }

    /// <summary>The clock for the manifest's createdAt.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Filled by the article source while it is enumerated (e.g. continued articles held back); read into the manifest.</summary>
    public ExportCounters Counters { get; init; } = new();

    /// <summary>Independent annotation: the layers to measure for the manifest's <c>agreement</c> (over the exported articles); null: none.</summary>
    public ExportAgreementSource? Agreement { get; init; }
}

/// <summary>Counts an article source keeps while the export runs.</summary>
public sealed class ExportCounters
{
    /// <summary>Parts of continued articles left out because not every part is approved (counted per part).</summary>
    public int HeldBack { get; set; }

    /// <summary>Relations the annotation files of the exported articles' pages carried, which Workbench did not import.</summary>
    public int RelationsNotImported { get; set; }
}

/// <summary>Articles and entities written to one split; labels counted by entity label.</summary>
public sealed record ManifestSplit(string Name, int Articles, int Entities, IReadOnlyDictionary<string, int> Labels);

/// <summary>A written file: name as given to the file opener, size in bytes, lowercase hex SHA-256.</summary>
public sealed record ManifestFile(string Name, long Size, string Sha256);

/// <summary>What an export wrote. Everything but <see cref="CreatedAt"/> is a function of the input and the options.</summary>
public sealed record ExportManifest(
    string Format,
    string ToolVersion,
    string? Project,
    IReadOnlyDictionary<string, string> Filters,
    string? SplitRatios,
    string Seed,
    IReadOnlyList<ManifestSplit> Splits,
    IReadOnlyDictionary<string, int> Labels,
    IReadOnlyList<ExportDrop> Dropped,
    IReadOnlyList<ManifestFile> Files,
    DateTimeOffset CreatedAt)
{
    public const string FileName = "manifest.json";

    /// <summary>Article parts held back because their continued article is not approved on every page.</summary>
    public int HeldBack { get; init; }

    /// <summary>Relations between spans in the imported files of the exported pages, which were not imported (Workbench has none).</summary>
    public int RelationsNotImported { get; init; }
    /// <summary>
    /// Ids of exported articles nobody changed (no annotator: the machine's segmentation and OCR as imported), so training
    /// can tell read-and-confirmed gold from untouched output; in order of export.
    /// </summary>
    public IReadOnlyList<string> Untouched { get; init; } = [];

    /// <summary>Independent annotation: the annotators' agreement over the exported articles with complete layers; null (not written) otherwise.</summary>
    public ManifestAgreement? Agreement { get; init; }

    /// <summary>Splits that got no article (a small project, or a weight of 0): named so nobody trains or tests on nothing unawares.</summary>
    public IReadOnlyList<string> EmptySplits => SplitRatios is null ? [] : Splits.Where(s => s.Articles == 0).Select(s => s.Name).ToList();

    /// <summary>Writes indented JSON with a fixed property order; dictionaries sorted by key (ordinal).</summary>
    public void Write(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, ExportJson.Indented);
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("toolVersion", ToolVersion);
        json.WriteString("project", Project);
        WriteCounts(json, "filters", Filters);
        json.WriteStartObject("split");
        json.WriteString("ratios", SplitRatios ?? "none");
        json.WriteString("seed", Seed);
        json.WriteStartArray("empty");
        foreach (var name in EmptySplits)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("counts");
        json.WriteNumber("articles", Splits.Sum(s => s.Articles));
        json.WriteNumber("entities", Splits.Sum(s => s.Entities));
        json.WriteNumber("heldBackParts", HeldBack);
        json.WriteNumber("relationsNotImported", RelationsNotImported);
        json.WriteNumber("untouched", Untouched.Count);
        json.WriteStartObject("splits");
        foreach (var split in Splits)
        {
            json.WriteStartObject(split.Name);
            json.WriteNumber("articles", split.Articles);
            json.WriteNumber("entities", split.Entities);
            WriteCounts(json, "labels", split.Labels);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        WriteCounts(json, "labels", Labels);
        json.WriteEndObject();
        json.WriteStartArray("dropped");
        foreach (var drop in Dropped)
        {
            json.WriteStartObject();
            json.WriteString("article", drop.ArticleId);
            json.WriteString("item", drop.Item);
            json.WriteString("label", drop.Label);
            json.WriteString("reason", drop.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("untouched");
        foreach (var id in Untouched)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        Agreement?.Write(json);
        json.WriteStartArray("files");
        foreach (var file in Files)
        {
            json.WriteStartObject();
            json.WriteString("name", file.Name);
            json.WriteNumber("size", file.Size);
            json.WriteString("sha256", file.Sha256);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("createdAt", CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteCounts<T>(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, T> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            switch (value)
            {
                case int n:
                    json.WriteNumber(key, n);
                    break;
                default:
                    json.WriteString(key, value?.ToString());
                    break;
            }
        }

        json.WriteEndObject();
    }
}

/// <summary>Streams articles into the writers of one format, one file per split, and writes <c>manifest.json</c>.</summary>
public static class Exporter
{
    /// <summary>
    /// Exports <paramref name="articles"/> (enumerated once, one at a time) in <c>options.Format</c>. Each article
    /// goes to the split <see cref="SplitAssigner"/> gives its id (for <c>segmentation</c>, its page's source, so a
    /// page stays whole). Every split file is created even when empty. <paramref name="openFile"/> gets a file name
    /// and returns a writable stream, which is disposed here. Returns the manifest, which is also written.
    /// </summary>
    public static ExportManifest Run(IEnumerable<ExportArticle> articles, ExportOptions options, Func<string, Stream> openFile)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(openFile);
        _ = ExportFormats.FileName(options.Format, null); // refuse an unknown format before opening anything

        var assigner = new SplitAssigner(options.Split, options.Seed);
        var outputs = new Dictionary<string, Output>(StringComparer.Ordinal);
        try
        {
            foreach (var split in assigner.Names)
            {
                var name = ExportFormats.FileName(options.Format, options.Split is null ? null : split);
                var stream = new HashingStream(openFile(name));
                outputs[split] = new Output(name, stream, ExportFormats.CreateWriter(options.Format, stream));
            }

            var dropped = new List<ExportDrop>();
            var untouched = new List<string>();
            var exported = new HashSet<string>(StringComparer.Ordinal);
            var bySegmentationPage = options.Format == ExportFormats.Segmentation;
            foreach (var article in articles)
            {
                var split = assigner.Assign(bySegmentationPage ? article.PageGroup ?? article.Page.Source : article.Id);
                var output = outputs[split];
                output.Writer.Write(article, split);
                output.Articles++;
                foreach (var entity in article.Entities)
                {
                    output.Count(entity.Label, 1);
                }

                dropped.AddRange(article.Dropped);
                exported.Add(article.Id);
                if (article.Annotators.Count == 0)
                {
                    untouched.Add(article.Id);
                }

            }

            var splits = new List<ManifestSplit>();
            var files = new List<ManifestFile>();
            var labels = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var split in assigner.Names)
            {
                var output = outputs[split];
                output.Writer.Complete();
                foreach (var drop in output.Writer.Dropped)
                {
                    dropped.Add(drop);
                    output.Count(drop.Label ?? "", -1);
                }

                output.Close();
                files.Add(new ManifestFile(output.Name, output.Stream.Length, output.Stream.HashHex()));
                var splitLabels = new SortedDictionary<string, int>(output.Labels.Where(p => p.Value != 0).ToDictionary(), StringComparer.Ordinal);
                foreach (var (label, n) in splitLabels)
                {
                    labels[label] = labels.GetValueOrDefault(label) + n;
                }

                splits.Add(new ManifestSplit(split, output.Articles, splitLabels.Values.Sum(), splitLabels));
            }

            var manifest = new ExportManifest(
                options.Format,
                options.ToolVersion ?? ToolVersion(),
                options.Project,
                options.Filters,
                options.Split?.ToString(),
                options.Seed,
                splits,
                labels,
                dropped,
                files,
                options.Clock.GetUtcNow())
            {
                HeldBack = options.Counters.HeldBack,
                RelationsNotImported = options.Counters.RelationsNotImported,
                Untouched = untouched,
                Agreement = options.Agreement is { } agreement ? ManifestAgreement.From(agreement, exported) : null,
            };
            using (var stream = openFile(ExportManifest.FileName))
            {
                manifest.Write(stream);
            }

            return manifest;
        }
        finally
        {
            foreach (var output in outputs.Values)
            {
                output.Close();
            }
        }
    }

    private static string ToolVersion() =>
        typeof(Exporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Exporter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private sealed class Output(string name, HashingStream stream, IExportWriter writer)
    {
        public string Name { get; } = name;

        public HashingStream Stream { get; } = stream;

        public IExportWriter Writer { get; } = writer;

        private bool closed;

        /// <summary>Releases the writer's buffers, then the stream; once (a writer flushes on dispose, and the stream is gone after).</summary>
        public void Close()
        {
            if (closed)
            {
                return;
            }

            closed = true;
            Writer.Dispose();
            Stream.Dispose();
        }

        public int Articles { get; set; }

        public Dictionary<string, int> Labels { get; } = new(StringComparer.Ordinal);

        public void Count(string label, int delta) => Labels[label] = Labels.GetValueOrDefault(label) + delta;
    }
}

/// <summary>A write-only stream that passes bytes on and keeps their count and SHA-256.</summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;
    private bool _disposed;
    private string? _hex;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public string HashHex() => _hex ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _hash.AppendData(buffer);
        inner.Write(buffer);
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _hex ??= Convert.ToHexStringLower(_hash.GetHashAndReset());
            _hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
