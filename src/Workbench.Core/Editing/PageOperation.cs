using System.Text.Json;
using System.Text.Json.Serialization;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Editing;

/// <summary>
/// One edit to a page. Operations are plain data: serialisable (JSON discriminator "kind"), applied by
/// <see cref="PageEditor.Apply"/>, described by <see cref="OperationDescriptions.Describe"/>.
/// Preconditions ("expected" values) make an operation fail instead of overwriting someone else's change.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SplitArticle), "splitArticle")]
[JsonDerivedType(typeof(MergeArticles), "mergeArticles")]
[JsonDerivedType(typeof(MoveLines), "moveLines")]
[JsonDerivedType(typeof(ReorderBlocks), "reorderBlocks")]
[JsonDerivedType(typeof(SetBlockRole), "setBlockRole")]
[JsonDerivedType(typeof(SetTitle), "setTitle")]
[JsonDerivedType(typeof(EditLine), "editLine")]
[JsonDerivedType(typeof(AddEntity), "addEntity")]
[JsonDerivedType(typeof(RelabelEntity), "relabelEntity")]
[JsonDerivedType(typeof(RemoveEntity), "removeEntity")]
[JsonDerivedType(typeof(SetStatus), OperationKinds.SetStatus)]
[JsonDerivedType(typeof(Assign), "assign")]
[JsonDerivedType(typeof(Batch), OperationKinds.Batch)]
[JsonDerivedType(typeof(SetBlocks), "setBlocks")]
[JsonDerivedType(typeof(RemoveArticle), "removeArticle")]
[JsonDerivedType(typeof(RestoreArticle), "restoreArticle")]
[JsonDerivedType(typeof(LinkContinuation), "linkContinuation")]
[JsonDerivedType(typeof(UnlinkContinuation), "unlinkContinuation")]
[JsonDerivedType(typeof(SetLayerStatus), "setLayerStatus")]
public abstract record PageOperation;

/// <summary>Lines at or after <paramref name="AtLine"/> in the article move to a new article inserted right after it.</summary>
public sealed record SplitArticle(int ArticleKey, int AtLine, string? NewTitle = null) : PageOperation;

/// <summary>The blocks of <paramref name="ArticleKey"/> are appended to <paramref name="IntoArticleKey"/>; the former is removed.</summary>
public sealed record MergeArticles(int ArticleKey, int IntoArticleKey) : PageOperation;

/// <summary>
/// Lines <paramref name="FirstLine"/>–<paramref name="LastLine"/> (all in one article, or all unassigned) move to
/// <paramref name="ToArticleKey"/>, or to a new article (titled <paramref name="NewTitle"/>) when it is null.
/// </summary>
public sealed record MoveLines(int FirstLine, int LastLine, int? ToArticleKey, string? NewTitle = null) : PageOperation;

/// <summary><paramref name="NewOrder"/>[i] is the current index of the block that goes to position i.</summary>
public sealed record ReorderBlocks(int ArticleKey, IReadOnlyList<int> NewOrder) : PageOperation;

public sealed record SetBlockRole(int ArticleKey, int BlockIndex, BlockRole Role) : PageOperation;

public sealed record SetTitle(int ArticleKey, string ExpectedTitle, string Title) : PageOperation;

/// <summary>Replaces a line's current text; entities on the line are rebased.</summary>
public sealed record EditLine(int Line, string ExpectedText, string NewText) : PageOperation;

/// <summary>
/// Tags <paramref name="Text"/> (which must equal <see cref="PageText.Slice"/> of the range). <paramref name="Key"/>
/// is normally null (a new key is issued); undo sets it to recreate a removed entity under its old key.
/// <paramref name="Layer"/>: the annotator's layer the entity goes to (null: gold). Set by the server from who sends it
/// (<see cref="Layers.Stamp"/>), never taken from a client.
/// </summary>
public sealed record AddEntity(string Label, Anchor Start, Anchor End, string Text, EntitySource Source = EntitySource.Manual, int? Key = null, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Layer = null) : PageOperation;

public sealed record RelabelEntity(int EntityKey, string ExpectedLabel, string Label) : PageOperation;

public sealed record RemoveEntity(int EntityKey) : PageOperation;

public sealed record SetStatus(int ArticleKey, ArticleStatus ExpectedStatus, ArticleStatus Status) : PageOperation;

public sealed record Assign(int ArticleKey, string? AssigneeId) : PageOperation;

/// <summary>Applies its operations in order, all or nothing, as one version.</summary>
public sealed record Batch(IReadOnlyList<PageOperation> Operations) : PageOperation;

/// <summary>Replaces an article's block list. Lines it gains must be unassigned; lines it drops become unassigned. Used by undo.</summary>
public sealed record SetBlocks(int ArticleKey, IReadOnlyList<BlockState> Blocks) : PageOperation;

/// <summary>Dissolves an article: its lines become unassigned (entities stay on their lines). Used by undo.</summary>
public sealed record RemoveArticle(int ArticleKey) : PageOperation;

/// <summary>Inserts an article at <paramref name="Index"/> under its own key; its lines must be unassigned. Used by undo.</summary>
public sealed record RestoreArticle(int Index, ArticleState Article) : PageOperation;

/// <summary>
/// Links the article to its part on another page: <see cref="Continuation.MarkerDirection.On"/> when it continues there,
/// <see cref="Continuation.MarkerDirection.From"/> when it continues from there. The page state does not change; the
/// server keeps the link and this operation is its audit entry.
/// </summary>
public sealed record LinkContinuation(int ArticleKey, int OtherPageId, int OtherArticleKey, Continuation.MarkerDirection Direction) : PageOperation;

/// <summary>Removes a continuation link made by <see cref="LinkContinuation"/> (or at import).</summary>
public sealed record UnlinkContinuation(int ArticleKey, int OtherPageId, int OtherArticleKey, Continuation.MarkerDirection Direction) : PageOperation;

/// <summary>
/// Independent annotation: submits (or takes back) <paramref name="Annotator"/>'s layer of the article. A submitted layer is
/// read-only. Submitting creates the layer when the annotator tagged nothing (an empty layer is an answer too).
/// The server sets <paramref name="Annotator"/> for annotators (<see cref="Layers.Stamp"/>).
/// </summary>
public sealed record SetLayerStatus(int ArticleKey, bool Submitted, string? Annotator = null) : PageOperation;

/// <summary>Operation kinds ("kind" in the JSON contract) that other code reads from the log by name.</summary>
public static class OperationKinds
{
    public const string SetStatus = "setStatus";
    public const string Batch = "batch";
}

/// <summary>Article statuses as the JSON contract writes them (camelCase), for code that matches logged statuses by name.</summary>
public static class StatusJson
{
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string ChangesRequested = "changesRequested";
}

/// <summary>The JSON contract of operations: camelCase names, enums as camelCase strings, "kind" discriminator.</summary>
public static class PageOperationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        AllowOutOfOrderMetadataProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly Dictionary<Type, string> Kinds = typeof(PageOperation)
        .GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
        .Cast<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    public static string Serialize(PageOperation operation) => JsonSerializer.Serialize(operation, Options);

    /// <summary>The "kind" of an operation, from its type (the discriminator the JSON contract writes).</summary>
    public static string KindOf(PageOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Kinds[operation.GetType()];
    }

    /// <summary>The operation in <paramref name="json"/>, or null when it is not a valid operation.</summary>
    public static PageOperation? TryDeserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PageOperation>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
