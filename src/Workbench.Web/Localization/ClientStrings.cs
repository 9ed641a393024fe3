using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;

namespace Workbench.Web.Localization;

/// <summary>
/// Marker for the strings of the browser code: Resources/Localization/ClientStrings.resx (English) and
/// ClientStrings.zh-Hans.resx. Keys are flat and dotted ("actions.split"); <see cref="ToJson"/> nests them into the
/// object that wwwroot/js/strings.js reads as S (S.actions.split). A group whose keys are all numbers
/// ("help.rows.01.keys") becomes an array in number order.
/// </summary>
public sealed class ClientStrings
{
    /// <summary>The id of the &lt;script type="application/json"&gt; element strings.js reads.</summary>
    public const string ElementId = "wb-strings";

    private static readonly JsonSerializerOptions Json = new()
    {
        // Keeps CJK readable while still escaping <, >, & and quotes, so the JSON is safe inside a <script> element.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>All keys of the current UI culture, each falling back to English where the culture lacks it.</summary>
    public static IReadOnlyDictionary<string, string> Flat(IStringLocalizer<ClientStrings> localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in localizer.GetAllStrings(includeParentCultures: true))
        {
            all.TryAdd(s.Name, s.Value); // already the culture's value, or the parent's where the culture lacks the key
        }

        return all;
    }

    // The resources do not change while the app runs: one JSON text per UI culture, built on first use.
    private static readonly ConcurrentDictionary<string, string> JsonByCulture = new(StringComparer.Ordinal);

    /// <summary>The nested JSON object of <see cref="Flat"/> for the current UI culture, safe to put inside a script element.</summary>
    public static string ToJson(IStringLocalizer<ClientStrings> localizer) =>
        JsonByCulture.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => JsonSerializer.Serialize(Nest(Flat(localizer)), Json));

    /// <summary>Turns "a.b" keys into nested objects (arrays where every key of a level is a number).</summary>
    public static object Nest(IReadOnlyDictionary<string, string> flat)
    {
        ArgumentNullException.ThrowIfNull(flat);
        var root = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in flat)
        {
            var parts = key.Split('.');
            var node = root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!node.TryGetValue(parts[i], out var child) || child is not SortedDictionary<string, object> next)
                {
                    next = new SortedDictionary<string, object>(StringComparer.Ordinal);
                    node[parts[i]] = next;
                }

                node = next;
            }

            node[parts[^1]] = value;
        }

        return Shape(root);
    }

    private static object Shape(object node)
    {
        if (node is not SortedDictionary<string, object> map)
        {
            return node;
        }

        if (map.Count > 0 && map.Keys.All(k => k.Length > 0 && k.All(char.IsAsciiDigit)))
        {
            return map.OrderBy(p => int.Parse(p.Key, CultureInfo.InvariantCulture)).Select(p => Shape(p.Value)).ToList();
        }

        return map.ToDictionary(p => p.Key, p => Shape(p.Value), StringComparer.Ordinal);
    }
}
