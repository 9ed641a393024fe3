using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Workbench.Segmentation.Synthetic;

/// <summary>An article on a generated page: its id, what kind of item it is, and its headline as printed.</summary>
public sealed record PlannedArticle(string Id, string Kind, string PrintedTitle);

/// <summary>What an article's body regions are filled with, in order: paragraphs ("p": sentences) and subheads ("h").</summary>
public sealed record BodyItem(string Kind, IReadOnlyList<string> Sentences);

/// <summary>One generated page: the HTML to render, its articles, and the body text the browser pours into each article's regions.</summary>
public sealed record PlannedPage(string Html, int Width, int Height, IReadOnlyList<PlannedArticle> Articles);

/// <summary>
/// Lays out a newspaper page from a seed: a header band (masthead, date, page, section), rows of modules over a column
/// grid, a footer with the page's editing credits. Modules: stories (headline sized by width, optional kicker, deck,
/// byline, picture with caption and credit, subheads, a jump line), side-headed stories (the headline in the right-hand
/// column, so column reading meets it after the body), interleaved stories (a sidebar between two columns of another
/// story's body), columns of briefs and stand-alone photos. Body text is poured by the browser into fixed regions
/// (<c>fill()</c> in <see cref="Scripts"/>), so articles run on into the next column and are cut where the space ends.
/// Every printed element carries <c>data-a</c> (article id) and <c>data-r</c> (role, the segmentation JSON's names).
/// </summary>
public sealed class PageLayout
{
    public const int Width = 1800;
    public const int Height = 2500;
    private const int Margin = 40;
    private const int Gutter = 26;

    private readonly Random random;
    private readonly Prose prose;
    private readonly int pageNumber;
    private readonly StringBuilder html = new();
    private readonly List<PlannedArticle> articles = [];
    private readonly Dictionary<string, object> fill = new(StringComparer.Ordinal);
    private int columns;
    private double columnWidth;

    public PageLayout(string language, int seed)
    {
        random = new Random(seed);
        prose = Prose.For(language, random);
        pageNumber = 1 + seed % 8;
    }

    private bool Cjk => prose.Cjk;

    private double BodySize => Cjk ? 22 : 20;

    public PlannedPage Plan()
    {
        columns = random.Next(4, 7);
        columnWidth = (Width - 2 * Margin - (columns - 1) * Gutter) / (double)columns;
        var top = Header();
        var bottom = Height - Margin - 44;
        Footer(bottom + 8);
        var rows = random.Next(2, 5);
        var available = bottom - top - 10;
        var weights = Enumerable.Range(0, rows).Select(_ => 0.7 + random.NextDouble()).ToList();
        var y = (double)top + 10;
        for (var r = 0; r < rows; r++)
        {
            var height = available * weights[r] / weights.Sum();
            Row(y, height - 18);
            y += height;
            if (r < rows - 1)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=rule style='left:{Margin}px;top:{y - 10:0}px;width:{Width - 2 * Margin}px'></div>");
            }
        }

        var document = $"""
            <!DOCTYPE html><html lang="{(Cjk ? "zh-CN" : "en")}"><head><meta charset="utf-8"><style>{Styles()}</style></head>
            <body><div id=page>{html}</div><script>const FILL = {JsonSerializer.Serialize(fill)};</script><script>{Scripts.Fill}</script></body></html>
            """;
        return new PlannedPage(document, Width, Height, articles);
    }

    private string Styles()
    {
        var body = Cjk ? "'WenQuanYi Micro Hei'" : "'DejaVu Serif'";
        var head = Cjk ? "'WenQuanYi Micro Hei'" : "'DejaVu Sans'";
        return $$"""
            html,body{margin:0;background:#fff;color:#111}
            #page{position:relative;width:{{Width}}px;height:{{Height}}px;overflow:hidden;font-family:{{body}};font-size:{{BodySize}}px;line-height:1.5}
            .m{position:absolute;display:flex;flex-direction:column;overflow:hidden}
            .row{display:flex;flex:1;min-height:0;gap:{{Gutter}}px}
            .region{flex:1;min-height:0;overflow:hidden;column-fill:auto;column-gap:{{Gutter}}px}
            .region p{margin:0{{(Cjk ? ";text-indent:2em" : ";text-indent:1.2em")}}}
            .region p.cont{text-indent:0}
            .region .sh{font-family:{{head}};font-weight:bold;margin:.3em 0;text-indent:0;break-after:avoid}
            .hl{font-family:{{head}};font-weight:bold;line-height:1.22;margin:0 0 10px 0}
            .kicker{font-family:{{head}};font-size:{{BodySize * 0.95:0}}px;font-weight:bold;color:#333;margin-bottom:4px}
            .deck{font-family:{{head}};font-size:{{BodySize * 1.2:0}}px;margin:0 0 8px 0;line-height:1.3}
            .by{font-size:{{BodySize * 0.9:0}}px;font-weight:bold;margin-bottom:6px}
            .pic{margin:4px 0 4px 0;flex:none}
            .cap{font-family:{{head}};font-size:{{BodySize * 0.85:0}}px;line-height:1.35}
            .cred{font-family:{{head}};font-size:{{BodySize * 0.75:0}}px;text-align:right;margin-bottom:8px}
            .jump{font-size:{{BodySize * 0.85:0}}px;font-weight:bold;text-align:right;flex:none;margin-top:4px}
            .side{display:flex;flex-direction:column;justify-content:center;padding-left:6px;border-left:3px solid #222}
            .box{border:2px solid #444;padding:8px;display:flex;flex-direction:column;overflow:hidden}
            .brief{margin-bottom:14px}
            .brief .bt{font-family:{{head}};font-weight:bold;font-size:{{BodySize * 1.1:0}}px;line-height:1.3}
            .rule{position:absolute;height:0;border-top:2px solid #222}
            .furn{position:absolute;font-family:{{head}}}
            """;
    }

    private string NewArticle(string kind, string title)
    {
        var id = "a" + (articles.Count + 1).ToString(CultureInfo.InvariantCulture);
        articles.Add(new PlannedArticle(id, kind, title));
        return id;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private int Header()
    {
        var (paper, date, page, section) = prose.Header(pageNumber);
        var id = NewArticle("furniture", "");
        html.Append(CultureInfo.InvariantCulture, $"<div class=furn data-a={id} data-r=other style='left:{Margin}px;top:{Margin}px;font-size:44px;font-weight:bold'>{E(paper)}</div>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=furn data-a={id} data-r=other style='right:{Margin}px;top:{Margin + 6}px;font-size:24px'>{E(section)}</div>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=furn data-a={id} data-r=other style='left:{Margin}px;top:{Margin + 66}px;font-size:20px'>{E(date)}</div>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=furn data-a={id} data-r=other style='right:{Margin}px;top:{Margin + 66}px;font-size:20px'>{E(page)}</div>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=rule style='left:{Margin}px;top:{Margin + 100}px;width:{Width - 2 * Margin}px;border-top-width:4px'></div>");
        return Margin + 112;
    }

    private void Footer(int y)
    {
        var id = NewArticle("credits", "");
        html.Append(CultureInfo.InvariantCulture, $"<div class=rule style='left:{Margin}px;top:{y - 6}px;width:{Width - 2 * Margin}px'></div>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=furn data-a={id} data-r=credit style='left:{Margin}px;top:{y}px;font-size:18px'>{E(prose.Footer())}</div>");
    }

    private void Row(double y, double height)
    {
        var spans = Spans();
        var column = 0;
        foreach (var span in spans)
        {
            var x = Margin + column * (columnWidth + Gutter);
            var width = span * columnWidth + (span - 1) * Gutter;
            Module(x, y, width, height, span);
            column += span;
        }
    }

    private List<int> Spans()
    {
        var spans = new List<int>();
        var left = columns;
        while (left > 0)
        {
            var span = spans.Count == 2 ? left : Math.Min(left, random.Next(1, Math.Min(4, columns - 1) + 1));
            spans.Add(span);
            left -= span;
        }

        return spans.OrderBy(_ => random.Next()).ToList();
    }

    private void Module(double x, double y, double width, double height, int span)
    {
        var roll = random.NextDouble();
        var style = string.Create(CultureInfo.InvariantCulture, $"left:{x:0}px;top:{y:0}px;width:{width:0}px;height:{height:0}px");
        if (span == 1 && roll < 0.35)
        {
            Briefs(style);
        }
        else if (roll < 0.1 && height < 900)
        {
            Photo(style, span);
        }
        else if (span >= 2 && roll < 0.3)
        {
            SideHeaded(style, span);
        }
        else if (span >= 3 && roll < 0.5)
        {
            Interleaved(style, span, height);
        }
        else
        {
            Story(style, span, height);
        }
    }

    private double HeadlineSize(int span) => Math.Min(Cjk ? 64 : 58, (Cjk ? 26 : 24) + span * (Cjk ? 8 : 7) + random.Next(-3, 4));

    private string Headline(string id, int span, bool big, out string title)
    {
        title = prose.Headline(big || span >= 3);
        return $"<div class=hl data-a={id} data-r=headline style='font-size:{HeadlineSize(span).ToString("0", CultureInfo.InvariantCulture)}px'>{E(title)}</div>";
    }

    private string Picture(string id, double height, bool withCredit = true)
    {
        var pattern = random.Next(3) switch
        {
            0 => "background:#b8b8b8",
            1 => "background:repeating-linear-gradient(45deg,#999 0 10px,#ccc 10px 20px)",
            _ => "background:radial-gradient(circle at 40% 40%,#eee,#888 70%)",
        };
        var credit = withCredit ? $"<div class=cred data-a={id} data-r=credit>{E(prose.Credit())}</div>" : "";
        return string.Create(CultureInfo.InvariantCulture, $"<div class=pic style='height:{height:0}px;{pattern}'></div><div class=cap data-a={id} data-r=caption>{E(prose.Caption())}</div>{credit}");
    }

    private string Region(string articleId, int regionColumns, string extraStyle = "")
    {
        var regionId = $"r{fill.Count}_{articleId}";
        return $"<div class=region id={regionId} data-fill={articleId} style='column-count:{regionColumns};{extraStyle}'></div>";
    }

    private void Body(string id, int paragraphs, bool subheads)
    {
        var items = new List<BodyItem>();
        for (var i = 0; i < paragraphs; i++)
        {
            if (subheads && i > 0 && i % 4 == 0)
            {
                items.Add(new BodyItem("h", [prose.Subhead()]));
            }

            items.Add(new BodyItem("p", prose.Paragraph(i == 0)));
        }

        fill[id] = items;
    }

    private int ParagraphsFor(double width, double height) =>
        (int)(width * height / (BodySize * BodySize * 1.5) / (Cjk ? 110 : 170 / 0.55)) + 4;

    private void Story(string style, int span, double height)
    {
        var kicker = random.NextDouble() < 0.3 ? prose.Kicker() : null;
        var id = NewArticle("story", "");
        var head = Headline(id, span, random.NextDouble() < 0.5, out var title);
        articles[^1] = articles[^1] with { PrintedTitle = title };
        var parts = new StringBuilder();
        if (kicker is not null)
        {
            parts.Append(CultureInfo.InvariantCulture, $"<div class=kicker data-a={id} data-r=kicker>{E(kicker)}</div>");
        }

        parts.Append(head);
        if (span >= 2 && random.NextDouble() < 0.35)
        {
            parts.Append(CultureInfo.InvariantCulture, $"<div class=deck data-a={id} data-r=subheadline>{E(prose.Deck())}</div>");
        }

        if (random.NextDouble() < 0.6)
        {
            parts.Append(CultureInfo.InvariantCulture, $"<div class=by data-a={id} data-r=byline>{E(prose.Byline())}</div>");
        }

        if (height > 600 && random.NextDouble() < 0.35)
        {
            parts.Append(Picture(id, Math.Min(320, height * 0.3)));
        }

        parts.Append(Region(id, span));
        if (random.NextDouble() < 0.2)
        {
            parts.Append(CultureInfo.InvariantCulture, $"<div class=jump data-a={id} data-r=continuation>{E(prose.ContinuedOn())}</div>");
        }

        Body(id, ParagraphsFor(span * columnWidth, height), random.NextDouble() < 0.3);
        html.Append(CultureInfo.InvariantCulture, $"<div class=m style='{style}'>{parts}</div>");
    }

    private void SideHeaded(string style, int span)
    {
        var id = NewArticle("sidehead", "");
        var head = Headline(id, 1, false, out var title);
        articles[^1] = articles[^1] with { PrintedTitle = title };
        var byline = random.NextDouble() < 0.5 ? $"<div class=by data-a={id} data-r=byline>{E(prose.Byline())}</div>" : "";
        Body(id, ParagraphsFor((span - 1) * columnWidth, 1500), false);
        html.Append(CultureInfo.InvariantCulture,
            $"<div class=m style='{style}'><div class=row>{Region(id, span - 1)}<div class=side style='flex:0 0 {columnWidth - 10:0}px'>{head}{byline}</div></div></div>");
    }

    private void Interleaved(string style, int span, double height)
    {
        var id = NewArticle("story", "");
        var head = Headline(id, span, true, out var title);
        articles[^1] = articles[^1] with { PrintedTitle = title };
        var sideId = NewArticle("sidebar", "");
        var sideHead = Headline(sideId, 1, false, out var sideTitle);
        articles[^1] = articles[^1] with { PrintedTitle = sideTitle };
        Body(id, ParagraphsFor(span * columnWidth, height), false);
        Body(sideId, ParagraphsFor(columnWidth, height), false);
        var leftColumns = span - 2;
        html.Append(CultureInfo.InvariantCulture,
            $"<div class=m style='{style}'>{head}<div class=row>{Region(id, leftColumns, $"flex:{leftColumns}")}<div class=box style='flex:1'>{sideHead}{Region(sideId, 1)}</div>{Region(id, 1)}</div></div>");
    }

    private void Briefs(string style)
    {
        var parts = new StringBuilder();
        var count = random.Next(2, 5);
        for (var i = 0; i < count; i++)
        {
            var title = random.Next(3) > 0 ? prose.BriefTitle() : "";
            var id = NewArticle("brief", title);
            parts.Append("<div class=brief>");
            if (title.Length > 0)
            {
                parts.Append(CultureInfo.InvariantCulture, $"<div class=bt data-a={id} data-r=headline>{E(title)}</div>");
            }

            // A brief without a title opens with its dateline (本报…讯 / TOWN —), as printed briefs do.
            foreach (var paragraph in Enumerable.Range(0, random.Next(1, 3)).Select(p => prose.Paragraph(p == 0, dateline: title.Length == 0)))
            {
                parts.Append(CultureInfo.InvariantCulture, $"<p data-a={id} data-r=body style='margin:0'>{E(string.Join(Cjk ? "" : " ", paragraph))}</p>");
            }

            parts.Append("</div>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<div class=m style='{style}'>{parts}</div>");
    }

    private void Photo(string style, int span)
    {
        var id = NewArticle("photo", "");
        html.Append(CultureInfo.InvariantCulture, $"<div class=m style='{style}'>{Picture(id, Math.Min(300, 120 + 70 * span))}</div>");
    }
}
