using System.Text;
using System.Text.Json;
using Workbench.Core.Export;

namespace Workbench.Core.Tests.Export;

/// <summary>Small hand-written export inputs and an in-memory file system for <see cref="Exporter.Run"/>.</summary>
internal static class ExportFixtures
{
    public static readonly ExportPageInfo Page1 = new("1998-01-01_p1.txt", "人民日报", "1998-01-01", 1);
    public static readonly ExportPageInfo Page2 = new("1998-01-01_p2.txt", "人民日报", "1998-01-01", 2);

    /// <summary>An article whose entities are given by their text (first occurrence at or after the previous one).</summary>
    public static ExportArticle Article(string id, ExportPageInfo page, string text, params (string Label, string Text)[] entities)
    {
        var list = new List<ExportEntity>();
        foreach (var (label, entityText) in entities)
        {
            var start = text.IndexOf(entityText, StringComparison.Ordinal);
            Assert.True(start >= 0, $"“{entityText}” is not in “{text}”");
            list.Add(new ExportEntity(start, start + entityText.Length, label, entityText, "manual"));
        }

        return new ExportArticle(id, page, "标题 " + id, text, list, "approved", ["ann1"], "rev1");
    }

    /// <summary>A few articles over two pages with non-BMP characters, CJK, Latin and a line break.</summary>
    public static List<ExportArticle> Sample() =>
    [
        Article("p1-a1", Page1, "𠀀徐振朋在乌兰察布市主持会议。😀张三说：“好！”", ("PER", "徐振朋"), ("LOC", "乌兰察布市"), ("PER", "张三")),
        Article("p1-a2", Page1, "北京大学的李四\n来到New York。", ("ORG", "北京大学"), ("PER", "李四"), ("LOC", "New York")),
        Article("p2-a1", Page2, "新华社北京电", ("ORG", "新华社"), ("LOC", "北京")),
        Article("p2-a2", Page2, "没有实体的文章", []),
    ];

    /// <summary>Many small articles for split tests.</summary>
    public static IEnumerable<ExportArticle> Many(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var page = new ExportPageInfo($"page-{i / 5}.txt", null, null, null);
            yield return Article($"a{i}", page, $"王{i}在上海{i}。", ("PER", $"王{i}"), ("LOC", $"上海{i}"));
        }
    }

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Runs an export into memory: file name → bytes.</summary>
    public static (ExportManifest Manifest, Dictionary<string, byte[]> Files) Run(IEnumerable<ExportArticle> articles, ExportOptions options)
    {
        var streams = new Dictionary<string, MemoryStream>(StringComparer.Ordinal);
        var manifest = Exporter.Run(articles, options, name =>
        {
            var stream = new MemoryStream();
            streams.Add(name, stream);
            return stream;
        });
        return (manifest, streams.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
    }

    public static string Utf8(byte[] bytes) => new UTF8Encoding(false, true).GetString(bytes);

    public static List<JsonElement> JsonLines(byte[] bytes) =>
        [.. Utf8(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
