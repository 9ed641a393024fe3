namespace Workbench.Core.Pages;

/// <summary>The formats a page can be read from. ALTO, PAGE and hOCR arrive with the OCR-formats issue.</summary>
public enum SourceFormat
{
    Text,
    Markdown,
}

/// <summary>One line of the source as it came, without its line terminator. Numbers are 1-based and count blank lines.</summary>
public sealed record SourceLine(int Number, string Text)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>A page read from a source file: its name, format, and every line in the file's own numbering.</summary>
public sealed record SourcePage(string SourceName, SourceFormat Format, IReadOnlyList<SourceLine> Lines)
{
    public SourceLine Line(int number) => Lines[number - 1];
}
