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
