using Workbench.Core.Pages;

namespace Workbench.Web.Import;

/// <summary>An OCR file's image as found: its bytes, or why it was not read.</summary>
public sealed record ImageFile(string Name, byte[]? Bytes, string? Refusal = null, string? Path = null);

/// <summary>
/// Finds the image that belongs to an OCR file: first a file with the same base name (<c>p1.xml</c> → <c>p1.jpg</c>, <c>p1.tif</c>),
/// else the image the OCR file names (<see cref="SourcePage.ImageReference"/>; <paramref name="source"/> is null when the file was not read).
/// </summary>
public delegate ImageFile? ImageLookup(string ocrName, SourcePage? source);

public static class ImageLookups
{
    /// <summary>
    /// Images in a folder: the sibling with the OCR file's base name, else the referenced file resolved from the OCR file's folder.
    /// Only files inside <paramref name="root"/> are read: a reference leading out of it is refused; an absolute reference (a path on
    /// the machine that ran the OCR) is looked up by its file name beside the OCR file.
    /// </summary>
    public static ImageLookup InFolder(string ocrPath, string root) => (ocrName, source) =>
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(ocrPath))!;
        var rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var baseName = Path.GetFileNameWithoutExtension(ocrPath);
        // A few existence checks rather than listing the folder once per page file (folders hold thousands of pages).
        var sibling = PageImageStore.Extensions.SelectMany(e => new[] { e, e.ToUpperInvariant() })
            .Select(e => Path.Combine(folder, baseName + e))
            .FirstOrDefault(File.Exists);
        if (sibling is not null)
        {
            return ImportPaths.IsInside(root, sibling) ? Read(sibling) : new ImageFile(Path.GetFileName(sibling), null, ImageMessages.OutsideFolder(Path.GetFileName(sibling)));
        }

        if (source?.ImageReference is not { } reference)
        {
            return null;
        }

        var relative = MetsReader.RelativePathOf(reference);
        var name = Path.GetFileName(relative);
        var path = Path.IsPathRooted(relative) || relative.Contains(':', StringComparison.Ordinal)
            ? Path.Combine(folder, name)
            : Path.GetFullPath(Path.Combine(folder, relative));
        if (!path.StartsWith(rootFull, StringComparison.Ordinal) || (File.Exists(path) && !ImportPaths.IsInside(root, path)))
        {
            return new ImageFile(name, null, ImageMessages.OutsideFolder(reference));
        }

        return File.Exists(path) ? Read(path) : null;
    };

    /// <summary>The image of a METS page: the file the METS names for it (inside the METS folder), else as <see cref="InFolder"/>.</summary>
    public static ImageLookup ForMetsPage(string altoPath, string metsFolder, string? metsImagePath) => (ocrName, source) =>
    {
        if (metsImagePath is not null)
        {
            var path = Path.GetFullPath(Path.Combine(metsFolder, metsImagePath));
            var name = Path.GetFileName(metsImagePath);
            if (!path.StartsWith(Path.GetFullPath(metsFolder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || (File.Exists(path) && !ImportPaths.IsInside(metsFolder, path)))
            {
                return new ImageFile(name, null, ImageMessages.OutsideFolder(metsImagePath));
            }

            if (File.Exists(path))
            {
                return Read(path);
            }
        }

        return InFolder(altoPath, metsFolder)(ocrName, source);
    };

    /// <summary>
    /// Images uploaded together with the OCR files, by file name. The base name matches first, then the referenced file's name.
    /// Every image handed out is added to <paramref name="used"/>.
    /// </summary>
    public static ImageLookup InUpload(IReadOnlyDictionary<string, byte[]> images, ISet<string> used) => (ocrName, source) =>
    {
        var baseName = Path.GetFileNameWithoutExtension(ocrName);
        var match = images.Keys
            .Where(n => string.Equals(Path.GetFileNameWithoutExtension(n), baseName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => Array.IndexOf(PageImageStore.Extensions, Path.GetExtension(n).ToLowerInvariant()))
            .FirstOrDefault();
        if (match is null && source?.ImageReference is { } reference)
        {
            var name = Path.GetFileName(MetsReader.RelativePathOf(reference));
            match = images.Keys.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        }

        if (match is null)
        {
            return null;
        }

        used.Add(match);
        return new ImageFile(match, images[match]);
    };

    private static ImageFile Read(string path)
    {
        var name = Path.GetFileName(path);
        return new FileInfo(path).Length > PageImageStore.MaxBytes
            ? new ImageFile(name, null, ImageMessages.TooLarge(PageImageStore.MaxBytes), path)
            : new ImageFile(name, File.ReadAllBytes(path), null, path);
    }
}
