using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Workbench.Core.Pages;
using Workbench.Core.Text;

namespace Workbench.Segmentation.Evaluation;

/// <summary>
/// A gold line: by the file's own line ID (hOCR <c>ocr_line</c> id, ALTO <c>TextLine@ID</c>, PAGE <c>TextLine@id</c>) when
/// <see cref="Id"/> is set, else by its 1-based number in the reader's numbering (text and Markdown pages, whose numbering
/// is the file's own line numbering).
/// </summary>
public readonly record struct GoldLineKey(string? Id, int Number)
{
    public static GoldLineKey OfId(string id) => new(id, 0);

    public static GoldLineKey OfNumber(int number) => new(null, number);

    public override string ToString() => Id ?? Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A gold line and its role in its article (a segmentation JSON role name, e.g. "headline"), or null when the gold has no roles.</summary>
public sealed record GoldLine(GoldLineKey Key, string? Role);

/// <summary>
/// A gold article. <see cref="Title"/> is the title written in the gold, or null: then the title is read from the page
/// (see <see cref="ResolvedGold"/>). <see cref="Kind"/> says what sort of item it is (story, brief, photo, furniture…), when known.
/// </summary>
public sealed record GoldArticle(string Id, string? Title, IReadOnlyList<GoldLine> Lines)
{
    public string? Kind { get; init; }
}

/// <summary>
/// The gold segmentation of one page file. Lines that are in no article (<see cref="Noise"/>, and any line the gold does not
/// mention) are not scored. See Corpus/README.md for the JSON format.
/// </summary>
public sealed record GoldPage(string Source, IReadOnlyList<GoldArticle> Articles)
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>OCR lines that belong to no printed line (picture noise, speckles): listed so it is clear they were seen, never scored.</summary>
    public IReadOnlyList<GoldLineKey> Noise { get; init; } = [];

    /// <summary>OCR lines made of printed lines of several articles (column OCR running across a gutter): no article is right for them, so they are never scored.</summary>
    public IReadOnlyList<GoldLineKey> Mixed { get; init; } = [];

    /// <summary>Free-form facts about how the page was made (language, seed, generator), written as given.</summary>
    public IReadOnlyDictionary<string, string> About { get; init; } = new Dictionary<string, string>();

    public static GoldPage Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>
    /// Reads gold JSON: <c>{"source", "articles": [{"id"?, "title"?, "kind"?, "lines": [...]}], "noise"?: [...], "mixed"?: [...], "about"?: {...}}</c>,
    /// where each entry of <c>lines</c> is a range <c>[first, last]</c> of line numbers (inclusive), or an object
    /// <c>{"id": "line_1_3", "role": "headline"}</c> / <c>{"line": 12, "role": "body"}</c>; <c>noise</c> and <c>mixed</c> hold ids or numbers.
    /// </summary>
    public static GoldPage Parse(string json, string where)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var articles = new List<GoldArticle>();
        foreach (var (article, index) in root.GetProperty("articles").EnumerateArray().Select((a, i) => (a, i)))
        {
            var lines = new List<GoldLine>();
            foreach (var entry in article.GetProperty("lines").EnumerateArray())
            {
                switch (entry.ValueKind)
                {
                    case JsonValueKind.Array:
                        var first = entry[0].GetInt32();
                        var last = entry[1].GetInt32();
                        lines.AddRange(Enumerable.Range(first, last - first + 1).Select(n => new GoldLine(GoldLineKey.OfNumber(n), null)));
                        break;
                    case JsonValueKind.Object:
                        var role = entry.TryGetProperty("role", out var r) ? r.GetString() : null;
                        var key = entry.TryGetProperty("id", out var id) ? GoldLineKey.OfId(id.GetString()!)
                            : entry.TryGetProperty("line", out var line) ? GoldLineKey.OfNumber(line.GetInt32())
                            : throw new InvalidDataException($"{where}: article {index + 1}: a line entry needs \"id\" or \"line\"");
                        lines.Add(new GoldLine(key, role));
                        break;
                    default:
                        throw new InvalidDataException($"{where}: article {index + 1}: a line entry is a [first, last] range or an object");
                }
            }

            articles.Add(new GoldArticle(
                article.TryGetProperty("id", out var articleId) ? articleId.GetString()! : $"a{index + 1}",
                article.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null,
                lines)
            {
                Kind = article.TryGetProperty("kind", out var kind) ? kind.GetString() : null,
            });
        }

        List<GoldLineKey> Keys(string name) => root.TryGetProperty(name, out var element)
            ? element.EnumerateArray().Select(n => n.ValueKind == JsonValueKind.Number ? GoldLineKey.OfNumber(n.GetInt32()) : GoldLineKey.OfId(n.GetString()!)).ToList()
            : [];
        var about = root.TryGetProperty("about", out var aboutElement)
            ? aboutElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new GoldPage(root.GetProperty("source").GetString() ?? "", articles) { Noise = Keys("noise"), Mixed = Keys("mixed"), About = about };
    }

    /// <summary>Writes the JSON <see cref="Parse"/> reads: one object per line entry, ids when the key has one.</summary>
    public string ToJson()
    {
        var articles = Articles.Select(a =>
        {
            var article = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = a.Id };
            if (a.Kind is not null)
            {
                article["kind"] = a.Kind;
            }

            if (a.Title is not null)
            {
                article["title"] = a.Title;
            }

            article["lines"] = a.Lines.Select(l => l.Key.Id is not null
                ? new Dictionary<string, object?> { ["id"] = l.Key.Id, ["role"] = l.Role }
                : new Dictionary<string, object?> { ["line"] = l.Key.Number, ["role"] = l.Role }).ToList();
            return article;
        }).ToList();
        var root = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["source"] = Source,
            ["about"] = About,
            ["articles"] = articles,
            ["noise"] = Noise.Select(n => n.Id is not null ? (object)n.Id : n.Number).ToList(),
            ["mixed"] = Mixed.Select(n => n.Id is not null ? (object)n.Id : n.Number).ToList(),
        };
        return JsonSerializer.Serialize(root, WriteOptions) + "\n";
    }

    /// <summary>
    /// The gold in the page's current line numbering. Fails, naming the page and the key, when a gold line is not in the file
    /// (gold and file disagree). Blank lines are dropped. Title: the written title when there is one; else the text of
    /// the article's lines with role "headline" as the reader reads them now, in page order, joined like article text
    /// (<see cref="ArticleText.JoinLines"/>); else "" (an item without a printed headline).
    /// </summary>
    public ResolvedGold Resolve(SourcePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in page.Lines)
        {
            if (line.LineId is { } id)
            {
                byId.TryAdd(id, line.Number);
            }
        }

        int NumberOf(GoldLineKey key)
        {
            if (key.Id is not null)
            {
                return byId.TryGetValue(key.Id, out var number)
                    ? number
                    : throw new InvalidDataException($"gold for {Source}: line id \"{key.Id}\" is not in {page.SourceName}");
            }

            return key.Number >= 1 && key.Number <= page.Lines.Count
                ? key.Number
                : throw new InvalidDataException($"gold for {Source}: line {key.Number} is not in {page.SourceName} ({page.Lines.Count} lines)");
        }

        var articles = new List<ScoredArticle>();
        foreach (var article in Articles)
        {
            var numbered = article.Lines.Select(l => (Number: NumberOf(l.Key), l.Role)).Where(l => !page.Line(l.Number).IsBlank).ToList();
            var title = article.Title ?? ArticleText.JoinLines(numbered.Where(l => l.Role == "headline").Select(l => l.Number).Order().Select(n => page.Line(n).Text));
            articles.Add(new ScoredArticle(title, numbered.Select(l => l.Number).ToHashSet()) { Id = article.Id });
        }

        var claimed = new HashSet<int>();
        foreach (var article in articles)
        {
            foreach (var number in article.Lines)
            {
                if (!claimed.Add(number))
                {
                    throw new InvalidDataException($"gold for {Source}: line {number} of {page.SourceName} is in two articles");
                }
            }
        }

        return new ResolvedGold(page, articles.Where(a => a.Lines.Count > 0).ToList());
    }
}

/// <summary>Gold in a page's line numbers: the articles (non-blank lines only) and the lines that are scored (every line of some article).</summary>
public sealed record ResolvedGold(SourcePage Page, IReadOnlyList<ScoredArticle> Articles)
{
    public IReadOnlySet<int> ScoredLines { get; } = Articles.SelectMany(a => a.Lines).ToHashSet();
}
