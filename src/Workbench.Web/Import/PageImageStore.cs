using ImageMagick;
using Workbench.Core.Pages;
using Workbench.Web.Data;

namespace Workbench.Web.Import;

/// <summary>An image checked and ready to store: the bytes as they will be served (TIFF already converted to PNG).</summary>
public sealed record PreparedImage(string Name, byte[] Bytes, string ContentType, string Extension, int Width, int Height, string Sha256);

/// <summary>
/// Checks, converts and stores page images as files under <see cref="DataPaths.ImagesDirectory"/> (<c>{projectId}/{sha}.{ext}</c>,
/// content-addressed, so the same scan is stored once per project). The bytes decide what a file is, never its name: the magic bytes
/// pick the decoder (ImageMagick is never left to guess, so no SVG/MVG/PS coder is reachable), and the file must decode whole.
/// </summary>
public sealed class PageImageStore(DataPaths paths)
{
    public const long MaxBytes = 50L * 1024 * 1024;

    /// <summary>Larger scans than this (either side, in pixels) are refused before they are decoded.</summary>
    public const int MaxSide = 30_000;

    /// <summary>
    /// Scans with more pixels than this are refused from their header, before anything is decoded: a 1 KB file can declare
    /// 30000×30000 (900 MP, 2.7 GB decoded). 100 MP is a broadsheet page at 600 dpi; a decoded 100 MP scan takes 300–400 MB.
    /// </summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>Names an upload or a folder import treats as images (the content is still checked).</summary>
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff"];

    static PageImageStore()
    {
        // ImageMagick's own guards, process-wide, behind the header check: no dimension past MaxSide, a pixel cache in memory
        // no larger than one allowed scan, and a bounded disk cache, so a file that lies in its header still cannot take the host.
        ResourceLimits.Width = MaxSide;
        ResourceLimits.Height = MaxSide;
        ResourceLimits.Area = (ulong)MaxPixels;
        ResourceLimits.Memory = 1024UL * 1024 * 1024;
        ResourceLimits.Disk = 2048UL * 1024 * 1024;
    }

    public static bool IsImageName(string name) => Extensions.Contains(Path.GetExtension(name).ToLowerInvariant());

    /// <summary>Reads, checks and (for TIFF) converts an image; throws <see cref="PageRejectedException"/> naming the file and the reason.</summary>
    public static PreparedImage Prepare(string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        name = Path.GetFileName(name);
        if (bytes.LongLength > MaxBytes)
        {
            throw new PageRejectedException(name, ImageMessages.TooLarge(MaxBytes));
        }

        var format = Sniff(bytes) ?? throw new PageRejectedException(name, ImageMessages.NotAnImage);
        try
        {
            var settings = new MagickReadSettings { Format = format };

            // The header only (a ping: nothing is decoded), then the size rules, then the whole first frame.
            var info = new MagickImageInfo(bytes, settings);
            if (info.Width == 0 || info.Height == 0 || info.Width > MaxSide || info.Height > MaxSide)
            {
                throw new PageRejectedException(name, ImageMessages.BadSize((int)info.Width, (int)info.Height, MaxSide));
            }

            if ((long)info.Width * info.Height > MaxPixels)
            {
                throw new PageRejectedException(name, ImageMessages.TooManyPixels(info.Width, info.Height, MaxPixels));
            }

            // A truncated or corrupt file must fail here, not in the browser: decoders report a cut-short file as a warning
            // (libjpeg: "Premature end of JPEG file") and fill the rest with grey, so warnings about the data count as errors.
            using var image = new MagickImage();
            string? damage = null;
            image.Warning += (_, e) => damage ??= e.Message;
            image.Read(bytes, settings);
            if (damage is not null)
            {
                throw new PageRejectedException(name, ImageMessages.Damaged(format, damage));
            }

            var (width, height) = ((int)image.Width, (int)image.Height);
            if (format == MagickFormat.Tiff)
            {
                image.Format = MagickFormat.Png;
                image.Strip();
                var png = image.ToByteArray();
                return new PreparedImage(name, png, "image/png", ".png", width, height, PageFiles.Sha256(png));
            }

            var (contentType, extension) = format switch
            {
                MagickFormat.Jpeg => ("image/jpeg", ".jpg"),
                MagickFormat.Png => ("image/png", ".png"),
                _ => ("image/webp", ".webp"),
            };
            return new PreparedImage(name, bytes, contentType, extension, width, height, PageFiles.Sha256(bytes));
        }
        catch (MagickException e)
        {
            throw new PageRejectedException(name, ImageMessages.Unreadable(format, e.Message));
        }
    }

    /// <summary>The format the file's first bytes announce: JPEG, PNG, WebP or TIFF; null for anything else.</summary>
    public static MagickFormat? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => MagickFormat.Jpeg,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => MagickFormat.Png,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => MagickFormat.WebP,
        [(byte)'I', (byte)'I', 0x2A, 0x00, ..] or [(byte)'M', (byte)'M', 0x00, 0x2A, ..] => MagickFormat.Tiff,
        _ => null,
    };

    /// <summary>Writes the image (once: the name is its hash) and returns the row that points at it.</summary>
    public async Task<PageImage> SaveAsync(int projectId, PreparedImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var relative = $"{projectId}/{image.Sha256}{image.Extension}";
        var full = FullPath(relative);
        if (!File.Exists(full))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
            try
            {
                await File.WriteAllBytesAsync(temporary, image.Bytes, cancellationToken);
                File.Move(temporary, full, overwrite: true);
            }
            catch
            {
                // A full disk (or a cancelled request) leaves no empty or partial file behind.
                File.Delete(temporary);
                throw;
            }
        }

        return new PageImage
        {
            Path = relative,
            ContentType = image.ContentType,
            Width = image.Width,
            Height = image.Height,
            Sha256 = image.Sha256,
            OriginalName = image.Name.Length > PageImage.MaxOriginalName ? image.Name[^PageImage.MaxOriginalName..] : image.Name,
        };
    }

    /// <summary>The absolute path of a stored image; a path that would leave the images folder is refused.</summary>
    public string FullPath(string relative)
    {
        var root = Path.GetFullPath(paths.ImagesDirectory);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Image path {relative} is outside the images folder.");
        }

        return full;
    }

    /// <summary>Removes a stored image file when no page points at it any more.</summary>
    public void DeleteIfUnused(string relative, bool stillUsed)
    {
        if (!stillUsed && File.Exists(FullPath(relative)))
        {
            File.Delete(FullPath(relative));
        }
    }
}
