using System.Text;
using Workbench.Core.Pages;

namespace Workbench.Web.Import;

/// <summary>How the bytes of text pages are read: UTF-8 (always), or GB18030 when the user says so.</summary>
public enum TextEncoding
{
    Utf8,

    /// <summary>GB18030, which reads GBK and GB2312 files too (they are subsets): Chinese archives' plain text.</summary>
    Gb18030,
}

/// <summary>
/// Text pages in GB18030/GBK (common in Chinese archives) are refused by default, with a reason that says how to read them;
/// with <c>--encoding gb18030</c> (CLI) or the upload form's choice, files that are not UTF-8 are converted from GB18030 to
/// UTF-8 before the readers see them. The page keeps the SHA-256 of the original bytes (duplicates are found by it), and
/// nothing else changes: line ends and every character stay as they were. UTF-8 files are read as UTF-8 whatever is chosen,
/// and XML/HTML files (they name their own encoding) are left to their readers.
/// </summary>
public static class TextEncodings
{
    public const string Utf8Name = "utf-8";
    public const string Gb18030Name = "gb18030";

    public static readonly string[] Names = [Utf8Name, Gb18030Name];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>utf-8 (also utf8 or nothing) or gb18030 (also gbk, gb2312); null for anything else.</summary>
    public static TextEncoding? Parse(string? name) => (name ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "utf-8" or "utf8" or "auto" => TextEncoding.Utf8,
        "gb18030" or "gbk" or "gb2312" or "cp936" => TextEncoding.Gb18030,
        _ => null,
    };

    /// <summary>The bytes the page readers get; throws <see cref="PageRejectedException"/> naming the file when they cannot be read.</summary>
    public static byte[] ToUtf8(string name, byte[] bytes, TextEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (IsMarkup(bytes) || IsUtf8(bytes, out var badAt))
        {
            return bytes;
        }

        if (encoding == TextEncoding.Utf8)
        {
            // Refused either way; say how to read it when it is GB18030, else let the reader give its UTF-8 reason.
            if (TryGb18030(bytes, out _, out _))
            {
                throw new PageRejectedException(name, ImportMessages.Text.Format("Encoding.LooksGb18030", badAt));
            }

            return bytes;
        }

        return TryGb18030(bytes, out var text, out var offset)
            ? Encoding.UTF8.GetBytes(text!)
            : throw new PageRejectedException(name, ImportMessages.Text.Format("Encoding.NotGb18030", offset));
    }

    private static bool IsUtf8(byte[] bytes, out int badAt)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            badAt = -1;
            return true;
        }
        catch (DecoderFallbackException e)
        {
            badAt = e.Index;
            return false;
        }
    }

    private static bool TryGb18030(byte[] bytes, out string? text, out int badAt)
    {
        try
        {
            text = Gb18030.Value.GetString(bytes);
            badAt = -1;
            return true;
        }
        catch (DecoderFallbackException e)
        {
            (text, badAt) = (null, e.Index);
            return false;
        }
    }

    /// <summary>XML and HTML start with '&lt;' (after white space): they declare their own encoding.</summary>
    private static bool IsMarkup(byte[] bytes)
    {
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }
}
