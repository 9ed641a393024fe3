using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Workbench.Core.Tests.Localization;

/// <summary>
/// Every resource pair under src/ (X.resx English, X.zh-Hans.resx Simplified Chinese) has the same keys, the same
/// {0}… placeholders, and a real translation: a zh-Hans value is never empty, and never just the English again
/// while it still holds English words (product names, label keys, format names and units are allowed).
/// </summary>
public sealed partial class ResourceFilesTests
{
    private static readonly HashSet<string> AllowedWords = new(StringComparer.Ordinal)
    {
        "Workbench", "OCR", "ALTO", "PAGE", "XML", "hOCR", "METS", "UTF", "JSON", "JSONL", "CoNLL", "BIO", "NER", "CSV", "SVG",
        "Label", "Studio", "CLUENER", "doccano", "jsonl", "conll", "ner", "ocr", "pairs", "segmentation", "studio", "label",
        "PER", "ORG", "LOC", "GPE", "MISC", "MB", "KB", "GB", "ID", "URL", "SHA", "English", "zh", "Hans", "en",
        "train", "dev", "test", "rrggbb", "BOM", "NUL", "DTD", "PcGts", "Page", "alto", "mets", "ocr_page", "CRLF", "LF",
        "Ctrl", "Shift", "Alt", "Tab", "Enter", "Esc", "Delete", // keyboard keys (ClientStrings' shortcut help)
    };

    public static TheoryData<string> ResourcePairs()
    {
        var data = new TheoryData<string>();
        foreach (var english in EnglishFiles())
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, english));
        }

        return data;
    }

    [Fact]
    public void EveryResourceFileUnderSrc_HasBothLanguages()
    {
        var all = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.resx", SearchOption.AllDirectories).Where(NotBuildOutput).ToList();
        Assert.NotEmpty(all);
        foreach (var file in all)
        {
            var partner = file.EndsWith(".zh-Hans.resx", StringComparison.Ordinal)
                ? file[..^".zh-Hans.resx".Length] + ".resx"
                : file[..^".resx".Length] + ".zh-Hans.resx";
            Assert.True(File.Exists(partner), $"{Path.GetRelativePath(RepoPaths.Root, file)} has no partner {Path.GetFileName(partner)}");
        }

        Assert.DoesNotContain(all, f => Path.GetFileName(f).Split('.').Length > 2 && !f.EndsWith(".zh-Hans.resx", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ResourcePairs))]
    public void ResourcePair_HasTheSameKeysAndPlaceholders_AndRealTranslations(string englishPath)
    {
        var english = Read(Path.Combine(RepoPaths.Root, englishPath));
        var chinese = Read(Path.Combine(RepoPaths.Root, englishPath[..^".resx".Length] + ".zh-Hans.resx"));

        Assert.Empty(Problems(english, chinese));
    }

    [Fact]
    public void Check_FindsAMissingKey_AMissingPlaceholder_AndAnUntranslatedValue()
    {
        var english = new Dictionary<string, string> { ["A"] = "Article {0} moved", ["B"] = "Save", ["C"] = "Line {0} of {1}", ["D"] = "ALTO" };
        var chinese = new Dictionary<string, string> { ["A"] = "Article {0} moved", ["C"] = "第 {0} 行", ["D"] = "ALTO", ["E"] = "多余" };

        var problems = Problems(english, chinese);

        Assert.Contains(problems, p => p.Contains("B: missing in zh-Hans", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("E: missing in English", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("C: placeholders", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("A: not translated", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("D:", StringComparison.Ordinal));
    }

    internal static List<string> Problems(IReadOnlyDictionary<string, string> english, IReadOnlyDictionary<string, string> chinese)
    {
        var problems = new List<string>();
        problems.AddRange(english.Keys.Except(chinese.Keys).Select(k => $"{k}: missing in zh-Hans"));
        problems.AddRange(chinese.Keys.Except(english.Keys).Select(k => $"{k}: missing in English"));
        foreach (var (key, en) in english)
        {
            if (!chinese.TryGetValue(key, out var zh))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(zh))
            {
                problems.Add($"{key}: empty in zh-Hans");
                continue;
            }

            var (enHoles, zhHoles) = (Placeholders(en), Placeholders(zh));
            if (!enHoles.SetEquals(zhHoles))
            {
                problems.Add($"{key}: placeholders {{{string.Join(",", enHoles.Order())}}} in English but {{{string.Join(",", zhHoles.Order())}}} in zh-Hans");
            }

            if (zh == en && EnglishWords(zh).Any(w => !AllowedWords.Contains(w)))
            {
                problems.Add($"{key}: not translated (“{zh}”)");
            }
        }

        return problems;
    }

    private static HashSet<int> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    private static IEnumerable<string> EnglishWords(string text) =>
        WordPattern().Matches(PlaceholderPattern().Replace(text, " ")).Select(m => m.Value);

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .Where(d => d.Attribute("type") is null)
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static IEnumerable<string> EnglishFiles() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.resx", SearchOption.AllDirectories)
            .Where(NotBuildOutput)
            .Where(f => !f.EndsWith(".zh-Hans.resx", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static bool NotBuildOutput(string path) =>
        !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"[A-Za-z][A-Za-z_]+")]
    private static partial Regex WordPattern();
}
