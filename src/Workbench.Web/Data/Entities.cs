using Microsoft.AspNetCore.Identity;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Web.Data;

public sealed class AppUser : IdentityUser
{
    public const int MaxDisplayName = 100;
    public const int MaxLanguage = 16;

    public string? DisplayName { get; set; }

    /// <summary>The UI language the user chose (a supported culture name such as zh-Hans); null: follow the browser.</summary>
    public string? Language { get; set; }
}

public enum ProjectRole
{
    Annotator,
    Reviewer,
    Admin,
}

public sealed class Project
{
    public const int MaxName = 200;

    public int Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Lets a reviewer approve an article whose last content change is their own (one-person teams).</summary>
    public bool AllowSelfReview { get; set; }

    /// <summary>Shared (everyone edits one entity layer, live) or independent (each annotator their own layer, curated into gold).</summary>
    public AnnotationMode AnnotationMode { get; set; }

    /// <summary>Independent mode: the layers an article needs before annotators see each other's and a curator merges them.</summary>
    public int AnnotatorsPerArticle { get; set; } = DefaultAnnotatorsPerArticle;

    public const int DefaultAnnotatorsPerArticle = 2;

    public const int MaxAnnotatorsPerArticle = 10;

    public List<ProjectMember> Members { get; } = [];

    public List<Page> Pages { get; } = [];
}

/// <summary>How a project's annotators tag entities (issue #19).</summary>
public enum AnnotationMode
{
    /// <summary>One entity layer per page, edited by everyone live: the gold layer.</summary>
    Shared,

    /// <summary>Each annotator tags in their own layer, unseen by the others until every layer of the article is submitted; a curator merges them into gold.</summary>
    Independent,
}

public sealed class ProjectMember
{
    public int ProjectId { get; set; }

    public required string UserId { get; set; }

    public ProjectRole Role { get; set; }

    public Project? Project { get; set; }

    public AppUser? User { get; set; }
}

public sealed class Page
{
    public const int MaxSourceName = 260;
    public const int MaxPublication = 200;

    public int Id { get; set; }

    public int ProjectId { get; set; }

    public required string SourceName { get; set; }

    public SourceFormat Format { get; set; }

    /// <summary>Hex SHA-256 of the source bytes; unique within a project so a re-import is skipped.</summary>
    public required string Sha256 { get; set; }

    public string? Publication { get; set; }

    public DateOnly? IssueDate { get; set; }

    public int? PageNumber { get; set; }

    /// <summary>The last applied operation's sequence number; 0 after import. The concurrency token of every edit.</summary>
    public int Version { get; set; }

    public int NextArticleKey { get; set; }

    public int NextEntityKey { get; set; }

    /// <summary>
    /// How many times re-segmentation replaced the page's articles. It does not move <see cref="Version"/> (the log stays
    /// gapless), so this is the other half of every edit's concurrency token: a state cached before a re-segmentation is
    /// recognised as stale by any app instance.
    /// </summary>
    public int Resegmented { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>Width of the image the OCR coordinates refer to (ALTO Page@WIDTH, PAGE imageWidth, hOCR page bbox), when the file says.</summary>
    public int? OcrWidth { get; set; }

    public int? OcrHeight { get; set; }

    /// <summary>The page's scan, when it has one: a file under the data folder (see <see cref="PageImage"/>).</summary>
    public PageImage? Image { get; set; }

    /// <summary>Where the page's first segmentation came from: the segmenter, or articles read from the file (METS, PAGE XML).</summary>
    public SegmentationSource Segmentation { get; set; }

    /// <summary>Pages imported together as one issue (a METS file) share this key; null otherwise.</summary>
    public string? IssueKey { get; set; }

    /// <summary>
    /// True while a large page is still being written in batches (see <see cref="Import.PageRowWriter"/>): a query filter hides it
    /// everywhere until its last batch flips this off, and a failed import deletes it, so a refused or broken import stores nothing.
    /// </summary>
    public bool Importing { get; set; }

    /// <summary>The separators and pictures the OCR file names (<see cref="StoredLayout"/>), kept so re-segmentation and training see them; null when none.</summary>
    public string? Graphics { get; set; }
    /// Relations between spans the imported annotation file carried (doccano <c>relations</c>, Label Studio <c>relation</c> results):
    /// Workbench has none, so they are counted at import and in the manifest of every export of the page's articles.
    /// </summary>
    public int RelationsNotImported { get; set; }

    public Project? Project { get; set; }

    public List<PageLine> Lines { get; } = [];

    public List<Article> Articles { get; } = [];

    public List<Entity> Entities { get; } = [];
}

public enum SegmentationSource
{
    Automatic,
    Mets,
    PageXml,
}

/// <summary>How a continuation link was made.</summary>
public enum LinkSource
{
    Mets,
    Marker,
    Manual,
}

/// <summary>
/// An article continued on another page: the part <see cref="FromArticleKey"/> on <see cref="FromPageId"/> continues as
/// <see cref="ToArticleKey"/> on <see cref="ToPageId"/>. Resolved by (page, article key): keys are never reused on a page,
/// so a link whose article was merged away or removed resolves to nothing and is ignored, never to another article.
/// </summary>
public sealed class ArticleLink
{
    public const int MaxExternalId = 200;

    public int Id { get; set; }

    public int ProjectId { get; set; }

    public int FromPageId { get; set; }

    public int FromArticleKey { get; set; }

    public int ToPageId { get; set; }

    public int ToArticleKey { get; set; }

    public LinkSource Source { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who linked by hand; null for links made at import.</summary>
    public string? CreatedById { get; set; }
}

public sealed class PageLine
{
    public int PageId { get; set; }

    public int Number { get; set; }

    public required string Original { get; set; }

    public required string Text { get; set; }

    /// <summary>
    /// The line as the OCR file wrote it, when <see cref="Original"/> differs from it: a word-segmenting engine's spaces between CJK
    /// characters are left out of the text (Tesseract chi_sim, ALTO SP). Shown on hover; null for every other line.
    /// </summary>
    public string? OcrText { get; set; }

    /// <summary>The line's box in OCR pixels (see <see cref="Page.OcrWidth"/>), when the source format gives one.</summary>
    public int? X { get; set; }

    public int? Y { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    /// <summary>The line's font size as the OCR file gives it (units of that format; compared within a page only).</summary>
    public double? FontSize { get; set; }

    /// <summary>The block/region the line belongs to in the OCR file (ALTO TextBlock, PAGE TextRegion, hOCR paragraph).</summary>
    public string? Region { get; set; }

    /// <summary>The role the OCR file gives the line's region (hOCR ocr_header, PAGE heading, ALTO heading tag).</summary>
    public BlockRole? RegionRole { get; set; }
}

/// <summary>
/// A segmentation model trained on a project's approved pages (see <c>ProjectSegmenters</c>): the model file, what it was trained on,
/// and its B-cubed F1 on the project's held-out pages beside the rules' (and the base model's) on the same pages. New imports use it
/// only when <see cref="Active"/>: it beat the rules there.
/// </summary>
public sealed class SegmenterModel
{
    public int Id { get; set; }

    public int ProjectId { get; set; }

    /// <summary>1 for the project's first model, then one more per training.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    public required byte[] Bytes { get; set; }

    public int TrainingPages { get; set; }

    public int TrainingLines { get; set; }

    public int TrainingArticles { get; set; }

    public int HeldOutPages { get; set; }

    public double ModelF1 { get; set; }

    public double RulesF1 { get; set; }

    /// <summary>The shipped base model's F1 on the same held-out pages; null when the app has no base model.</summary>
    public double? BaseF1 { get; set; }

    public bool Active { get; set; }

    public long TrainingMilliseconds { get; set; }
}

/// <summary>
/// A page's scan, stored as a file under the data folder (<see cref="Path"/> is relative to it, forward slashes),
/// never in the database. JPEG, PNG and WebP are kept as uploaded; TIFF is converted to PNG on import.
/// </summary>
public sealed class PageImage
{
    public const int MaxPath = 300;
    public const int MaxContentType = 50;
    public const int MaxOriginalName = 260;

    public required string Path { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Hex SHA-256 of the stored bytes: the file name and the ETag.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The file name it came as.</summary>
    public required string OriginalName { get; set; }
}

public sealed class Article
{
    public const int MaxTitle = 500;
    public const int MaxItemType = 100;

    public int Id { get; set; }

    public int PageId { get; set; }

    /// <summary>The article's key on its page, as Core's operations know it.</summary>
    public int Key { get; set; }

    public int Ordinal { get; set; }

    public required string Title { get; set; }

    public ArticleStatus Status { get; set; }

    public string? AssigneeId { get; set; }

    /// <summary>The segmenter's confidence in the boundary that opens this article.</summary>
    public double Confidence { get; set; }

    /// <summary>The article's id in the file it came from (METS logical div ID, Transkribus structure id); null when segmented here.</summary>
    public string? ExternalId { get; set; }

    /// <summary>
    /// The kind of item the file declares, as it writes it (METS div TYPE: ARTICLE, ADVERTISEMENT, ILLUSTRATION, TABLE…); null when the
    /// file says nothing. Shown on the card when it is not an article, and exported as <c>itemType</c>.
    /// </summary>
    public string? ItemType { get; set; }

    /// <summary>When the article was last submitted for review, while it is submitted (the review queue's order); kept by the edit path.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Who submitted it (the user id of that status change), while it is submitted.</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>
    /// Who made the latest content change (text, boundaries, roles, title, entities) to the article, also when one operation
    /// changed several articles; kept by the edit path. The self-approval rule reads it.
    /// </summary>
    public string? ContentChangedBy { get; set; }

    /// <summary>Independent mode: the article's entity layers (<see cref="ArticleLayers"/>, JSON); null when it has none.</summary>
    public string? Layers { get; set; }

    public const int MaxLayers = 8000;

    public List<Block> Blocks { get; } = [];
}

public sealed class Block
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public int Ordinal { get; set; }

    public BlockRole Role { get; set; }

    public int FirstLine { get; set; }

    public int LastLine { get; set; }
}

public sealed class Entity
{
    public const int MaxLabel = 50;

    public int Id { get; set; }

    public int PageId { get; set; }

    public int Key { get; set; }

    public required string Label { get; set; }

    public int StartLine { get; set; }

    public int StartOffset { get; set; }

    public int EndLine { get; set; }

    public int EndOffset { get; set; }

    public required string Text { get; set; }

    public EntitySource Source { get; set; }

    /// <summary>The annotator (user id) whose independent layer holds the entity; null: gold.</summary>
    public string? Layer { get; set; }
}

/// <summary>How the author's browser sent an operation: as the undo or the redo of an earlier change (a label only, see <see cref="Operation.Replay"/>).</summary>
public enum OperationReplay
{
    Undo = 1,
    Redo = 2,
}

/// <summary>One entry of a page's append-only operation log: the audit trail and how clients catch up.</summary>
public sealed class Operation
{
    public const int MaxKind = 50;

    public long Id { get; set; }

    public int PageId { get; set; }

    public int Sequence { get; set; }

    public required string AuthorId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Kind { get; set; }

    /// <summary>The article the operation acted on, when it acted on one (for review rules, filters and the audit).</summary>
    public int? ArticleKey { get; set; }

    /// <summary>True when the operation changed content (text, boundaries, roles, titles, entities), not only status or assignment.</summary>
    public bool ChangesContent { get; set; }

    /// <summary>
    /// Independent mode: the annotator whose layer the operation's content belongs to (<see cref="Core.Editing.Layers.LayerOf"/>);
    /// "" when only curators may read it; null when everyone may. Catch-up, history and audit filter on it.
    /// </summary>
    public string? Layer { get; set; }

    /// <summary>
    /// Whether the author sent it as the undo or the redo of an earlier change of theirs (their browser says so); null for a
    /// change made directly. Only a label for the history and the audit: the operation was checked and applied like any other.
    /// </summary>
    public OperationReplay? Replay { get; set; }

    /// <summary>The operation as JSON. Setting it also sets <see cref="Status"/>.</summary>
    public required string Payload
    {
        get => payload;
        set
        {
            payload = value;
            Status = StatusIn(value);
        }
    }

    /// <summary>
    /// The status a <c>setStatus</c> operation set (its camel-case JSON name, e.g. "approved"); null for every other kind.
    /// Kept as a column so the dashboard counts review decisions with plain SQL on any database.
    /// </summary>
    public string? Status { get; private set; }

    private string payload = "";

    public const int MaxStatus = 20;

    private static string? StatusIn(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("kind", out var kind) && kind.ValueKind == System.Text.Json.JsonValueKind.String && kind.ValueEquals(Core.Editing.OperationKinds.SetStatus)
                && root.TryGetProperty("status", out var status) && status.ValueKind == System.Text.Json.JsonValueKind.String
                ? status.GetString() is { Length: <= MaxStatus } value ? value : null
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
