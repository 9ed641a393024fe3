using System.IO.Compression;
using Workbench.Core.Export;

namespace Workbench.Web.Export;

/// <summary>
/// Writes an export as a zip straight onto a stream (an HTTP response body: no temp files). A zip being written can
/// have only one entry open, but <see cref="Exporter.Run"/> writes all split files at once; so the export runs once
/// per file, each pass writing one entry and discarding the others (their sizes and hashes are still counted, so
/// every pass yields the same manifest). The last pass also writes manifest.json. Memory stays flat; the price is one
/// database pass per split file (three for 80/10/10).
/// </summary>
public static class ExportZip
{
    /// <summary>
    /// The download's file name: <c>workbench-{project}-{format}.zip</c> with the project name cut down to letters and digits
    /// joined by single hyphens ("Demo: Inner Mongolia newspapers" → <c>Demo-Inner-Mongolia-newspapers</c>; CJK letters
    /// stay), or <c>project-{id}</c> when nothing is left. No spaces, colons or other characters a file system or shell trips on.
    /// </summary>
    public static string DownloadName(string projectName, int projectId, string format)
    {
        var slug = new System.Text.StringBuilder();
        foreach (var c in projectName.Normalize(System.Text.NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c) || char.IsSurrogate(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var name = slug.ToString().Trim('-');
        if (name.Length > 60)
        {
            name = name[..60].TrimEnd('-');
        }

        return $"workbench-{(name.Length == 0 ? $"project-{projectId}" : name)}-{format}.zip";
    }

    public static ExportManifest Write(Stream output, Func<IEnumerable<ExportArticle>> articles, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(options);
        var names = options.Split is null
            ? [ExportFormats.FileName(options.Format, null)]
            : options.Split.Parts.Select(p => ExportFormats.FileName(options.Format, p.Name)).ToList();
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        ExportManifest? manifest = null;
        for (var pass = 0; pass < names.Count; pass++)
        {
            var wanted = names[pass];
            var last = pass == names.Count - 1;
            manifest = Exporter.Run(articles(), options, name =>
                name == wanted || (last && name == ExportManifest.FileName)
                    ? zip.CreateEntry(name, CompressionLevel.Optimal).Open()
                    : Stream.Null);
        }

        return manifest!;
    }
}
