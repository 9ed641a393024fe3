using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>Figures that may be undefined (an F1 with no spans, a κ with one value) written as JSON: the number, or null — never 0.</summary>
public static class JsonNumbers
{
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
