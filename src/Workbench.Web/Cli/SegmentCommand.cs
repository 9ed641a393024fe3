using System.CommandLine;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

using static Workbench.Web.Cli.CliText;

namespace Workbench.Web.Cli;

/// <summary>`segment FILE`: prints the segmentation of one file as JSON. Needs no database.</summary>
internal static class SegmentCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = T("A page file (UTF-8): plain text, Markdown, ALTO, PAGE XML or hOCR.") };
        var format = new Option<string>("--format")
        {
            Description = T("How to read the file: auto (from the name and content), text, markdown, alto, page or hocr."),
            DefaultValueFactory = _ => "auto",
        };
        format.AcceptOnlyFromAmong("auto", "text", "markdown", "alto", "page", "hocr");
        var command = new Command("segment", T("Print the article segmentation of one page file as JSON on stdout.")) { file, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                await error.WriteLineAsync(T("{0}: no such file.", info.Name));
                return 2;
            }

            if (info.Length > PageReader.MaxBytes)
            {
                await error.WriteLineAsync(Import.ImportMessages.TooLarge(info.Name));
                return 1;
            }

            try
            {
                var bytes = await File.ReadAllBytesAsync(info.FullName, cancellationToken);
                var page = PageReader.Read(info.Name, bytes, ParseFormat(parse.GetValue(format)));
                await output.WriteLineAsync(SegmentationJson.ToJson(Import.PageImporter.Segment(page)));
                return 0;
            }
            catch (PageRejectedException e)
            {
                await error.WriteLineAsync(e.Message);
                return 1;
            }
        });
        return command;
    }

    internal static SourceFormat? ParseFormat(string? value) => PageReader.ParseFormat(value);
}
