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
