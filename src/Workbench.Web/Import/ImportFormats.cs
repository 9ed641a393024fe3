using System.Text;
using System.Text.RegularExpressions;
using Workbench.Core.Export;
using Workbench.Core.Pages;

namespace Workbench.Web.Import;

/// <summary>
/// The <c>--format</c> values of page and annotation import, and what <c>auto</c> makes of a file:
/// <list type="bullet">
/// <item><c>.jsonl .json .conll .bio .bmes .tsv</c> → an annotation file, format by <see cref="AnnotationImport.Detect"/>;</item>
/// <item><c>.md .markdown</c> → a page;</item>
/// <item><c>.txt</c> → a page, unless every one of its first non-blank lines (up to 20, at least 2) is one
/// character, whitespace and a BIO/BMES tag (<c>中 B-LOC</c>, <c>。 O</c>): then CoNLL. OCR text practically never looks
/// like that, but for a short or unusual file pass <c>--format</c> explicitly.</item>
/// </list>
/// </summary>
public static partial class ImportFormats
{
    public const string Auto = "auto";

    public static readonly string[] PageFormats = ["text", "markdown", "alto", "page", "hocr"];

    public static readonly string[] AnnotationFormats = ["ner-jsonl", "doccano", "cluener", "conll", "label-studio"];

    public static readonly string[] All = [Auto, .. PageFormats, .. AnnotationFormats];

    /// <summary>Extensions a folder is searched for, besides the page ones, when annotations may be imported.</summary>
    public static readonly string[] AnnotationExtensions = [".jsonl", ".json", ".conll", ".bio", ".bmes", ".tsv"];

    public static AnnotationFormat? ParseAnnotation(string? value) => value switch
    {
        "ner-jsonl" => AnnotationFormat.NerJsonl,
        "doccano" => AnnotationFormat.Doccano,
        "cluener" => AnnotationFormat.Cluener,
        "conll" => AnnotationFormat.Conll,
        "label-studio" => AnnotationFormat.LabelStudio,
        _ => null,
    };

    public static SourceFormat? ParsePage(string? value) => value switch
    {
        "text" => SourceFormat.Text,
        "markdown" => SourceFormat.Markdown,
        "alto" => SourceFormat.Alto,
        "page" => SourceFormat.PageXml,
        "hocr" => SourceFormat.Hocr,
        _ => null,
    };

    /// <summary>Whether a file is imported as annotations under <paramref name="format"/> (see the class remarks for auto).</summary>
    public static bool IsAnnotationFile(string fileName, byte[] bytes, string format)
    {
        if (format != Auto)
        {
            return AnnotationFormats.Contains(format);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (AnnotationExtensions.Contains(extension))
        {
            return true;
        }

        return extension == ".txt" && LooksLikeConll(bytes);
    }

    /// <summary>Every one of the first non-blank lines (up to 20, at least 2) is "character TAG".</summary>
    public static bool LooksLikeConll(byte[] bytes)
    {
        string head;
        try
        {
            head = new UTF8Encoding(false, true).GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        }
        catch (DecoderFallbackException)
        {
            // Possibly a multi-byte character cut at the 4 KB boundary: decode leniently, the pattern decides.
            head = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        }

        var lines = head.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        if (bytes.Length > 4096 && lines.Count > 0)
        {
            lines.RemoveAt(lines.Count - 1); // possibly cut
        }

        var sample = lines.Take(20).ToList();
        return sample.Count >= 2 && sample.All(l => ConllLine().IsMatch(l));
    }

    [GeneratedRegex(@"^\s*(?:\P{Cs}|\p{Cs}{2})[ \t]+(?:O|[BIMES]-[^\s]+)\s*$")]
    private static partial Regex ConllLine();

    /// <summary>Page and (unless <paramref name="format"/> is a page format) annotation files of the paths, folders searched recursively, in a stable order.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths, string format)
    {
        string[] extensions = PageFormats.Contains(format) ? PageImporter.Extensions
            : AnnotationFormats.Contains(format) ? AnnotationExtensions.Append(".txt").ToArray()
            : [.. PageImporter.Extensions, .. AnnotationExtensions];
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var candidates = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal)
                    .ToList();

                // A folder holding a METS file is one issue: the METS file imports its ALTO pages, not the files one by one.
                var metsFolders = candidates.Where(PageImporter.IsMetsFile).Select(f => Path.GetDirectoryName(Path.GetFullPath(f))! + Path.DirectorySeparatorChar).ToList();
                files.AddRange(candidates.Where(f => PageImporter.IsMetsFile(f)
                    || !metsFolders.Any(folder => Path.GetFullPath(f).StartsWith(folder, StringComparison.Ordinal))));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }
}
