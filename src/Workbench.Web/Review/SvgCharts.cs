using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Workbench.Web.Review;

/// <summary>Small server-rendered SVG charts: no script, readable without CSS, every bar titled with its number.</summary>
public static class SvgCharts
{
    public sealed record Segment(string Name, int Value, string CssClass);

    /// <summary>A column chart, one labelled column per value.</summary>
    public static IHtmlContent Columns(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<int> values, int width = 700, int height = 200)
    {
        const int top = 16, bottom = 34, left = 34;
        var max = Math.Max(1, values.DefaultIfEmpty(0).Max());
        var plot = height - top - bottom;
        var step = (width - left - 8) / (double)Math.Max(1, values.Count);
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg id=\"{Esc(id)}\" class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Esc(title)}\" xmlns=\"http://www.w3.org/2000/svg\">"));
        svg.Append(Inv($"<title>{Esc(title)}</title>"));
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = top + plot - (fraction * plot);
            svg.Append(Inv($"<line class=\"grid-line\" x1=\"{left}\" x2=\"{width - 4}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>"));
            svg.Append(Inv($"<text class=\"axis\" x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Math.Round(max * fraction):0}</text>"));
        }

        for (var i = 0; i < values.Count; i++)
        {
            var h = values[i] * plot / (double)max;
            var x = left + (i * step) + (step * 0.15);
            svg.Append(Inv($"<g class=\"column\"><title>{Esc(labels[i])}: {values[i]}</title>"));
            svg.Append(Inv($"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{top + plot - h:0.#}\" width=\"{step * 0.7:0.#}\" height=\"{h:0.#}\" rx=\"2\"/>"));
            if (values[i] > 0)
            {
                svg.Append(Inv($"<text class=\"value\" x=\"{x + (step * 0.35):0.#}\" y=\"{top + plot - h - 3:0.#}\" text-anchor=\"middle\">{values[i]}</text>"));
            }

            svg.Append(Inv($"<text class=\"axis\" x=\"{x + (step * 0.35):0.#}\" y=\"{height - 14}\" text-anchor=\"middle\">{Esc(labels[i])}</text></g>"));
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>One horizontal bar split into segments by share (for statuses).</summary>
    public static IHtmlContent Stacked(string id, string title, IReadOnlyList<Segment> segments, int width = 700, int height = 28)
    {
        var total = segments.Sum(s => s.Value);
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg id=\"{Esc(id)}\" class=\"chart stacked\" viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{Esc(title)}\" xmlns=\"http://www.w3.org/2000/svg\">"));
        svg.Append(Inv($"<title>{Esc(title)}</title>"));
        if (total == 0)
        {
            svg.Append(Inv($"<rect class=\"empty-bar\" x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" rx=\"4\"/>"));
        }

        double x = 0;
        foreach (var segment in segments.Where(s => s.Value > 0))
        {
            var w = segment.Value * width / (double)total;
            svg.Append(Inv($"<rect class=\"{Esc(segment.CssClass)}\" x=\"{x:0.##}\" y=\"0\" width=\"{w:0.##}\" height=\"{height}\"><title>{Esc(segment.Name)}: {segment.Value}</title></rect>"));
            x += w;
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A tiny column series for a table cell.</summary>
    public static IHtmlContent Spark(IReadOnlyList<int> values, int width = 140, int height = 24)
    {
        var max = Math.Max(1, values.DefaultIfEmpty(0).Max());
        var step = width / (double)Math.Max(1, values.Count);
        var svg = new StringBuilder(Inv($"<svg class=\"spark\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-hidden=\"true\" xmlns=\"http://www.w3.org/2000/svg\">"));
        for (var i = 0; i < values.Count; i++)
        {
            var h = Math.Max(values[i] > 0 ? 2 : 1, values[i] * (height - 2) / (double)max);
            svg.Append(Inv($"<rect class=\"{(values[i] > 0 ? "bar" : "zero")}\" x=\"{(i * step) + 1:0.#}\" y=\"{height - h:0.#}\" width=\"{step - 2:0.#}\" height=\"{h:0.#}\"/>"));
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }

    private static string Esc(string text) => HtmlEncoder.Default.Encode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
