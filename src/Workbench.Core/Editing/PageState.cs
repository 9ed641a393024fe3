using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Editing;

public enum ArticleStatus
{
    Draft,
    InProgress,
    Submitted,
    Approved,
    ChangesRequested,
}

/// <summary>Where an entity came from; kept and exported as metadata.</summary>
public enum EntitySource
{
    Manual,
    Rule,
    Gazetteer,
    Imported,
}

/// <summary>A line: its 1-based source number, the OCR text as imported (never changed), and the current text.</summary>
public sealed record LineState(int Number, string Original, string Text)
{
    public bool IsCorrected => !string.Equals(Original, Text, StringComparison.Ordinal);
}

public sealed record BlockState(BlockRole Role, int FirstLine, int LastLine)
{
    public bool Contains(int line) => line >= FirstLine && line <= LastLine;
}

/// <summary>An article, identified on its page by <see cref="Key"/> (stable across edits, assigned in order).</summary>
/// <param name="Confidence">
/// The segmenter's confidence (0–1) in the boundary that opens the article; 1 for articles people made (split, moved
/// lines) or imported with their boundaries. Kept with the article through every edit.
/// </param>
/// <param name="Layers">
/// Independent annotation (issue #19): the annotators whose entity layers the article has, and whether each submitted
/// theirs. Null or empty in shared mode, where every entity is in the gold layer.
/// </param>
public sealed record ArticleState(int Key, string Title, ArticleStatus Status, ImmutableList<BlockState> Blocks, string? AssigneeId = null, double Confidence = 1.0, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableList<LayerState>? Layers = null)
{
    /// <summary>The article's layers (none in shared mode).</summary>
    [JsonIgnore]
    public ImmutableList<LayerState> LayerList => Layers ?? [];

    /// <summary>The layer of <paramref name="annotator"/>, or null.</summary>
    public LayerState? LayerOf(string annotator) => Layers?.Find(l => string.Equals(l.Annotator, annotator, StringComparison.Ordinal));
}

/// <summary>One annotator's entity layer on an article: who, and whether they submitted it (it is then read-only for them).</summary>
public sealed record LayerState(string Annotator, bool Submitted);

/// <summary>A position in line coordinates: the line's number and a UTF-16 offset into its current text.</summary>
public readonly record struct Anchor(int Line, int Offset) : IComparable<Anchor>
{
    public int CompareTo(Anchor other) => Line != other.Line ? Line.CompareTo(other.Line) : Offset.CompareTo(other.Offset);

    public static bool operator <(Anchor a, Anchor b) => a.CompareTo(b) < 0;

    public static bool operator >(Anchor a, Anchor b) => a.CompareTo(b) > 0;

    public static bool operator <=(Anchor a, Anchor b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Anchor a, Anchor b) => a.CompareTo(b) >= 0;
}

/// <summary>An entity from <see cref="Start"/> to <see cref="End"/> (end exclusive); it may cross line breaks.</summary>
/// <param name="Layer">The annotator (user id) whose independent layer holds it; null: the gold layer (every entity in shared mode).</param>
public sealed record EntityState(int Key, string Label, Anchor Start, Anchor End, string Text, EntitySource Source = EntitySource.Manual, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Layer = null);

/// <summary>
/// Everything an operation acts on for one page. <see cref="Version"/> is the sequence number of the last
/// operation applied (0 after import). Keys for new articles and entities come from the Next* counters so a
/// replay of the log gives the same keys.
/// </summary>
public sealed record PageState(
    int Version,
    ImmutableSortedDictionary<int, LineState> Lines,
    ImmutableList<ArticleState> Articles,
    ImmutableList<EntityState> Entities,
    int NextArticleKey,
    int NextEntityKey);
