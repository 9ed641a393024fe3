using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Workbench.Web.Localization;

/// <summary>
/// Times on pages: written as <c>&lt;time datetime="…Z" data-local&gt;2025-06-01 02:03 UTC&lt;/time&gt;</c>, which
/// <c>wwwroot/js/time.js</c> (loaded by every page) rewrites in the viewer's time zone and language, naming the zone.
/// Without script the UTC time shows, marked as UTC, so no time is ever shown without its zone.
/// </summary>
public static class LocalTime
{
    public static IHtmlContent Time(this IHtmlHelper html, DateTimeOffset at, bool seconds = false)
    {
        var utc = at.UtcDateTime;
        var iso = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var text = utc.ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        return new HtmlString($"<time datetime=\"{iso}\" data-local=\"{(seconds ? "seconds" : "minutes")}\">{text}</time>");
    }

    public static IHtmlContent Time(this IHtmlHelper html, DateTimeOffset? at, bool seconds = false) =>
        at is { } value ? html.Time(value, seconds) : new HtmlString("—");
}
