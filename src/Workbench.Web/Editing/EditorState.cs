using System.Text.Json;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Core.Text;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>What the editor's browser code renders and edits: the page state, shaped for JavaScript.</summary>
public sealed record EditorState(
    EditorState.PageInfo Page,
    string Role,
    IReadOnlyList<EditorState.LineDto> Lines,
    IReadOnlyList<EditorState.ArticleDto> Articles,
    IReadOnlyList<EditorState.EntityDto> Entities,
    IReadOnlyList<EditorState.LabelDto> Labels)
{
    /// <summary>
    /// Line boxes, compactly: <c>[number, x, y, width, height]</c> per line that has one, in OCR pixels (see <see cref="ImageInfo"/>).
    /// Kept apart from <see cref="Lines"/>: lines never change number, and patches replace line objects without boxes.
    /// </summary>
    public IReadOnlyList<int[]> Boxes { get; init; } = [];

    /// <summary>The wire's JSON options (<see cref="WireJson.Options"/>): safe inside a &lt;script&gt; element.</summary>
    public static JsonSerializerOptions Json => WireJson.Options;

    public static EditorState From(Page page, string projectName, ProjectRole role, PageState state, IReadOnlyList<Label> labels, IReadOnlyDictionary<int, Core.Pages.LineBox>? boxes = null) => new(
        new PageInfo(page.Id, page.ProjectId, projectName, page.SourceName, page.Format.ToString().ToLowerInvariant(), page.Publication, page.IssueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), page.PageNumber, state.Version)
        {
            Image = page.Image is { } image
                ? new ImageInfo($"/api/pages/{page.Id}/image?v={image.Sha256[..12]}", image.Width, image.Height, page.OcrWidth ?? image.Width, page.OcrHeight ?? image.Height)
                : null,
        },
        role.ToString().ToLowerInvariant(),
        state.Lines.Values.Select(l => new LineDto(l.Number, l.Text, l.Original)).ToList(),
        state.Articles.Select(ToDto).ToList(),
        state.Entities.Select(ToDto).ToList(),
        labels.OrderBy(l => l.Ordinal).Select(l => new LabelDto(l.Name, l.DisplayName, l.Color, l.Hotkey, l.Retired)).ToList())
    {
        Boxes = boxes?.OrderBy(b => b.Key).Select(b => new[] { b.Key, b.Value.X, b.Value.Y, b.Value.Width, b.Value.Height }).ToList() ?? [],
        Texts = TextsOf(state, state.Articles.Select(a => a.Key)),
        Rules = EditorRules.For(role),
    };

    public static ArticleDto ToDto(ArticleState article) => new(
        article.Key,
        article.Title,
        article.Status,
        article.Confidence,
        article.AssigneeId,
        article.Blocks.Select(b => new BlockDto(b.Role.Name(), b.FirstLine, b.LastLine)).ToList(),
        ArticleLock.ReasonOf(article.Status))
    {
        Layers = article.Layers is { Count: > 0 } layers ? [.. layers.Select(l => new LayerDto(l.Annotator, l.Submitted))] : null,
    };

    /// <summary>The joined texts of the given articles (those that exist), as the cards show them and exports write them.</summary>
    public static IReadOnlyList<ArticleTextDto> TextsOf(PageState state, IEnumerable<int> articleKeys)
    {
        var texts = new List<ArticleTextDto>();
        foreach (var key in articleKeys)
        {
            var article = state.FindArticle(key);
            var map = article is null ? null : ArticleTexts.Build(state, key);
            if (article is null || map is null)
            {
                continue;
            }

            var spans = new List<int[]>();
            foreach (var n in PageStates.LinesOf(article))
            {
                if (map.Lines.TryGetValue(n, out var span))
                {
                    spans.Add([n, span.TextStart, span.SourceStart, span.Length]);
                }
            }

            texts.Add(new ArticleTextDto(key, map.Text, spans));
        }

        return texts;
    }

    public static EntityDto ToDto(EntityState entity) => new(entity.Key, entity.Label, entity.Start, entity.End, entity.Text, entity.Source) { Layer = entity.Layer };

    /// <summary>
    /// The OCR file's own text of the lines the reader de-spaced (line number → text as read: <c>李 资 政</c> for 李资政), shown on hover.
    /// Kept apart from <see cref="Lines"/> like the boxes: it never changes, and patches replace line objects.
    /// </summary>
    public IReadOnlyDictionary<int, string> OcrTexts { get; init; } = new Dictionary<int, string>();

    /// <summary>The item type the file declared for an article (article key → METS TYPE as written), for the articles that have one.</summary>
    public IReadOnlyDictionary<int, string> ItemTypes { get; init; } = new Dictionary<int, string>();
    /// <summary>Every article's joined text (<see cref="ArticleTexts"/>: what exports write), with where each of its lines went.</summary>
    public IReadOnlyList<ArticleTextDto> Texts { get; init; } = [];

    /// <summary>The rules the browser applies before asking (lock reasons ride on each article).</summary>
    public EditorRules Rules { get; init; } = EditorRules.For(ProjectRole.Annotator);

    /// <summary>Where the page's articles came from: "automatic" (the segmenter), "mets" or "pageXml" (read from the file).</summary>
    public string Segmentation { get; init; } = "automatic";

    /// <summary>Links of this page's articles to their parts on other pages.</summary>
    public IReadOnlyList<Continuation.ContinuationDto> Continuations { get; init; } = [];

    /// <summary>Continuation markers in the text that no link answers (the named page is not in the project, or not found).</summary>
    public IReadOnlyList<Continuation.UnresolvedMarkerDto> UnresolvedMarkers { get; init; } = [];

    /// <summary>Independent annotation (null in shared mode): who the viewer is, whether they curate, and the layers an article needs.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public AnnotationInfo? Annotation { get; init; }

    /// <summary>See <see cref="Annotation"/>. <paramref name="Names"/>: the user names of the layers the viewer sees, by user id.</summary>
    public sealed record AnnotationInfo(string UserId, bool Curator, int Required, IReadOnlyDictionary<string, string> Names);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public sealed record PageInfo(int Id, int ProjectId, string ProjectName, string SourceName, string Format, string? Publication, string? IssueDate, int? PageNumber, int Version)
    {
        /// <summary>The page's scan, or null when it has none.</summary>
        public ImageInfo? Image { get; init; }
    }

    /// <summary>
    /// The scan: its URL and pixel size, and the size of the image the OCR boxes were measured on (the same unless the OCR file says
    /// otherwise): the viewer scales boxes by Width/OcrWidth and Height/OcrHeight.
    /// </summary>
    public sealed record ImageInfo(string Url, int Width, int Height, int OcrWidth, int OcrHeight);

    public sealed record LineDto(int N, string Text, string Original);

    /// <param name="Locked">Why the article's content may not be edited (a reason code, see <see cref="ArticleLock"/>), or null.</param>
    public sealed record ArticleDto(int Key, string Title, ArticleStatus Status, double Confidence, string? AssigneeId, IReadOnlyList<BlockDto> Blocks, string? Locked)
    {
        /// <summary>Independent annotation: the article's entity layers the viewer may know of (their own; all once complete, or for curators).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<LayerDto>? Layers { get; init; }
    }

    /// <summary>One annotator's layer of an article: the annotator's user id and whether it is submitted.</summary>
    public sealed record LayerDto(string Annotator, bool Submitted);

    public sealed record BlockDto(string Role, int FirstLine, int LastLine);

    /// <summary>A project label: retired labels stay on existing entities but are not offered for new ones.</summary>
    public sealed record LabelDto(string Name, string DisplayName, string Color, int? Hotkey, bool Retired);

    /// <summary>
    /// An article's joined text and, per line in reading order, <c>[line, textStart, sourceStart, length]</c>: the
    /// characters <c>[sourceStart, sourceStart + length)</c> of the line are at <c>[textStart, textStart + length)</c>
    /// of <see cref="Text"/> (see <see cref="LineSpan"/>). What lies between two lines' spans is the join (a space, a
    /// paragraph break, nothing); blocks are separated by <see cref="ArticleText.BlockSeparator"/>.
    /// </summary>
    public sealed record ArticleTextDto(int Key, string Text, IReadOnlyList<int[]> Spans);

    public sealed record EntityDto(int Key, string Label, Anchor Start, Anchor End, string Text, EntitySource Source)
    {
        /// <summary>The annotator whose layer holds it (independent annotation); absent for gold.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Layer { get; init; }
    }
}
