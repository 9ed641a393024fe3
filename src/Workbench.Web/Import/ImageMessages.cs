using ImageMagick;

namespace Workbench.Web.Import;

/// <summary>What an import says about page images (reasons follow "NAME: ").</summary>
public static class ImageMessages
{
    public const string NotAnImage = "not a JPEG, PNG, WebP or TIFF image (its first bytes say otherwise); not stored.";

    public static string TooLarge(long maxBytes) => $"the image is larger than {maxBytes / (1024 * 1024)} MB; not stored.";

    public static string BadSize(int width, int height, int maxSide) =>
        $"the image is {width}×{height} pixels; images must be between 1 and {maxSide} pixels on each side; not stored.";

    public static string Unreadable(MagickFormat format, string detail) =>
        $"could not be read as a {format.ToString().ToUpperInvariant()} image ({detail.Split('\n')[0].Trim()}); not stored.";

    public static string OutsideFolder(string reference) => $"names the image {reference}, which is outside the import folder; not read.";

    public static string Attached(string imageName, string pageName, int width, int height) =>
        $"{imageName}: image of {pageName} ({width}×{height}).";

    public static string Unmatched(string imageName) =>
        $"{imageName}: no page file in this upload or page in the project has the same name; not stored. Upload it with its OCR file, or name it like the page (p1.xml → p1.jpg).";

    public static string ImportedWithImage(string message, string imageName, int width, int height) =>
        $"{message.TrimEnd('.')}; image {imageName} ({width}×{height}).";
}
