using System.Collections.Immutable;
using System.Text.Json;
using Workbench.Core.Editing;

namespace Workbench.Web.Data;

/// <summary>An article's entity layers as stored on its row (<see cref="Article.Layers"/>): <c>[{"annotator":…,"submitted":…}]</c>.</summary>
public static class ArticleLayers
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? Write(ImmutableList<LayerState>? layers) =>
        layers is null || layers.IsEmpty ? null : JsonSerializer.Serialize(layers, Options);

    public static ImmutableList<LayerState>? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var layers = JsonSerializer.Deserialize<List<LayerState>>(json, Options);
        return layers is null || layers.Count == 0 ? null : [.. layers];
    }
}
