using Workbench.Core.Export;
using Workbench.Core.Pages;

namespace Workbench.Web.Import;

/// <summary>
/// The <c>--format</c> values of page and annotation import, and what <c>auto</c> makes of a file: the content decides, whatever
/// the file's name (<see cref="ContentSniffer"/>). JSON and "token TAG" lines are annotation files (their format from their shape,
/// <see cref="AnnotationImport.Detect"/>); markup is a layout page read by its root element (or refused, naming the root); anything
/// else is a text or Markdown page. A folder is searched for the extensions below; a file named on the command line is read
/// whatever its extension.
/// </summary>
public static class ImportFormats
{
    public const string Auto = "auto";

    public static readonly string[] PageFormats = ["text", "markdown", "alto", "page", "hocr"];

    public static readonly string[] AnnotationFormats = ["ner-jsonl", "doccano", "cluener", "conll", "label-studio"];

    public static readonly string[] All = [Auto, .. PageFormats, .. AnnotationFormats];

    /// <summary>Extensions a folder is searched for, besides the page ones, when annotations may be imported.</summary>
    public static readonly string[] AnnotationExtensions = [".jsonl", ".json", .. ContentSniffer.ConllExtensions];

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

    /// <summary>Whether a file is imported as annotations under <paramref name="format"/>: a named annotation format, or auto and JSON or CoNLL content.</summary>
    public static bool IsAnnotationFile(string fileName, byte[] bytes, string format) =>
        format == Auto
            ? ContentSniffer.Sniff(fileName, bytes) is ContentKind.Json or ContentKind.Conll
            : AnnotationFormats.Contains(format);

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
