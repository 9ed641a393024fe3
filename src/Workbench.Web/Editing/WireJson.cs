using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Workbench.Web.Editing;

/// <summary>
/// The one set of JSON options of the wire (see WIRE.md): SignalR's payloads use <see cref="Options"/> itself, the
/// minimal APIs' JSON is configured by <see cref="Configure"/>, and the page embeds state written with it. camelCase
/// names, enums as camelCase strings, operations bound as typed objects by their "kind" (allowed anywhere in the object).
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the wire's settings to <paramref name="options"/> (e.g. ASP.NET Core's HTTP JSON options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;

        // Keeps CJK readable while still escaping <, >, & and quotes, so the JSON is safe inside a <script> element.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.AllowOutOfOrderMetadataProperties = true;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        }

        return options;
    }
}
