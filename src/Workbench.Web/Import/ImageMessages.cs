using ImageMagick;
using Workbench.Core;

namespace Workbench.Web.Import;

/// <summary>What an import says about page images (reasons follow "NAME: "), in the current UI language (Resources/Import/ImportMessages.resx).</summary>
public static class ImageMessages
{
    private static ResourceText Text => ImportMessages.Text;

    public static string NotAnImage => Text.Get("Image.NotAnImage");

    public static string TooLarge(long maxBytes) => Text.Format("Image.TooLarge", maxBytes / (1024 * 1024));

    public static string BadSize(int width, int height, int maxSide) => Text.Format("Image.BadSize", width, height, maxSide);

    public static string Unreadable(MagickFormat format, string detail) =>
        Text.Format("Image.Unreadable", format.ToString().ToUpperInvariant(), detail.Split('\n')[0].Trim());

    public static string TooManyPixels(long width, long height, long maxPixels) =>
        Text.Format("Image.TooManyPixels", width, height, Math.Round(width * (double)height / 1_000_000, 1), maxPixels / 1_000_000);

    public static string Damaged(MagickFormat format, string detail) =>
        Text.Format("Image.Damaged", format.ToString().ToUpperInvariant(), detail.Split('\n')[0].Trim());

    public static string OutsideFolder(string reference) => Text.Format("Image.OutsideFolder", reference);

    public static string Attached(string imageName, string pageName, int width, int height) => Text.Format("Image.Attached", imageName, pageName, width, height);

    public static string Unmatched(string imageName) => Text.Format("Image.Unmatched", imageName);

    public static string ImportedWithImage(string message, string imageName, int width, int height) =>
        Text.Format("Image.ImportedWithImage", message.TrimEnd('.', '。'), imageName, width, height);
}
