using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Workbench.Core.Text;

namespace Workbench.Core.Export;

/// <summary>Shared JSON settings: UTF-8 without BOM, compact, CJK unescaped, "\n" line ends.</summary>
internal static class ExportJson
{
    /// <summary>
    /// Every BMP range is allowed so CJK stays readable. The encoder still escapes HTML-sensitive ASCII and
    /// characters outside the BMP (as a \uD840\uDC00 pair), which every JSON reader decodes back.
    /// </summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static readonly JsonWriterOptions Compact = new() { Encoder = Encoder, Indented = false };

    public static readonly JsonWriterOptions Indented = new() { Encoder = Encoder, Indented = true, NewLine = "\n" };

    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Code-point offsets of a UTF-16 range; cheap when the text has no surrogates.</summary>
    public static (int Start, int End) CodePointRange(string text, int start, int end) =>
        text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0
            ? (start, end)
            : (CodePoints.FromUtf16(text, start), CodePoints.FromUtf16(text, end));

    public static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    public static void WriteNullableNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary><c>"itemType"</c>: the kind of item the source file declared (METS TYPE), only when it declared one.</summary>
    public static void WriteItemType(Utf8JsonWriter json, string? itemType)
    {
        if (itemType is not null)
        {
            json.WriteString("itemType", itemType);
        }
    }

    /// <summary>A continued article's parts (<c>"parts":[{"article","source","publication","date","number","key","start","end"}]</c>); nothing for a one-page article.</summary>
    public static void WriteParts(Utf8JsonWriter json, IReadOnlyList<ExportPart> parts)
    {
        if (parts.Count == 0)
        {
            return;
        }

        json.WriteStartArray("parts");
        foreach (var part in parts)
        {
            json.WriteStartObject();
            json.WriteString("article", part.ArticleId);
            WritePage(json, part.Page);
            json.WriteNumber("key", part.ArticleKey);
            json.WriteNumber("start", part.Start);
            json.WriteNumber("end", part.End);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WritePage(Utf8JsonWriter json, ExportPageInfo page)
    {
        json.WriteString("source", page.Source);
        json.WriteString("publication", page.Publication);
        json.WriteString("date", page.Date);
        WriteNullableNumber(json, "number", page.Number);
    }
}
