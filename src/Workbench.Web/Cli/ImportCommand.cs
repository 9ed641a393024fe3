using System.CommandLine;
using Spectre.Console;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Import;

using static Workbench.Web.Cli.CliText;

namespace Workbench.Web.Cli;

/// <summary>
/// `import PATH... --project NAME [--format F] [--status draft|approved]`: page files or annotation files (one page per
/// file, see <see cref="AnnotationImporter"/>) or folders into a project (created if missing), with progress.
/// Each file takes the one import path the uploads take too (<see cref="FileImporter"/>); with `--format auto` its content decides.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter error, string[] hostArgs)
    {
        var paths = new Argument<string[]>("PATH") { Description = T("Page or annotation files, or folders (searched recursively for .txt, .md, .xml, .alto, .hocr, .html, each with its image beside it if any, and, unless --format is text or markdown, .jsonl, .json, .conll, .bio, .bmes, .bioes, .tsv). A file named here is read whatever its extension."), Arity = ArgumentArity.OneOrMore };
        var project = new Option<string>("--project") { Description = T("The project to import into; created if missing."), Required = true };
        var format = new Option<string>("--format")
        {
            Description = T("Pages: text, markdown, alto, page or hocr. Annotations: ner-jsonl (also Prodigy/spaCy spans), doccano, cluener, conll (BIO, BIOES, BMES) or label-studio. auto (the default): the content decides, whatever the extension: JSON and \"character TAG\" lines are annotations (format from their shape), XML is read by its root element, anything else is a text or Markdown page."),
            DefaultValueFactory = _ => ImportFormats.Auto,
        };
        format.AcceptOnlyFromAmong(ImportFormats.All);
        var status = new Option<string>("--status") { Description = T("Status of imported annotated articles: draft, or approved (gold from another tool; also feeds the gazetteer)."), DefaultValueFactory = _ => "draft" };
        status.AcceptOnlyFromAmong("draft", "approved");
        var encoding = new Option<string>("--encoding")
        {
            Description = T("How to read text pages that are not UTF-8: utf-8 (the default: such files are refused) or gb18030 (also reads GBK and GB2312; converted to UTF-8, the original bytes' SHA-256 kept)."),
            DefaultValueFactory = _ => TextEncodings.Utf8Name,
        };
        encoding.AcceptOnlyFromAmong([.. TextEncodings.Names, "gbk", "gb2312", "utf8"]);
        var annotator = new Option<string?>("--annotator")
        {
            Description = T("Independent annotation: the annotation files' spans become this user's layer, submitted, on the project's articles with the same text (the first file creates them; a record matching no article is refused). A project created so is in independent mode. The user is created (password printed once) and made an annotator of the project if need be."),
            HelpName = "USER",
        };
        var command = new Command("import", T("Import page files or annotation files into a project. A folder with a METS file imports its ALTO pages with the METS articles. Files already in the project (same SHA-256) are skipped; an annotation file with any problem is refused whole.")) { paths, project, format, status, encoding, annotator };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(annotator) is { } annotatorName)
            {
                if (parse.GetValue(status) == "approved")
                {
                    await error.WriteLineAsync(T("--annotator imports a layer, not gold: --status approved cannot go with it."));
                    return 2;
                }

                return await LayerImportCommand.RunAsync(output, error, hostArgs, parse.GetValue(paths)!, parse.GetValue(project)!, parse.GetValue(format)!, annotatorName.Trim(), cancellationToken);
            }

            var formatName = parse.GetValue(format)!;
            var textEncoding = TextEncodings.Parse(parse.GetValue(encoding)) ?? TextEncoding.Utf8;
            var articleStatus = parse.GetValue(status) == "approved" ? ArticleStatus.Approved : ArticleStatus.Draft;
            var arguments = parse.GetValue(paths)!;
            var (files, missing) = await FilesAsync(arguments, formatName, error);

            await using var host = await CliHost.OpenAsync(hostArgs);
            var db = host.Get<WorkbenchDbContext>();
            var pages = host.Get<PageImporter>();
            var importer = host.Get<FileImporter>();
            var newLabels = new List<string>();
            var target = await ProjectService.GetOrCreateAsync(db, parse.GetValue(project)!, TimeProvider.System, cancellationToken);
            var outcomes = new List<ImportOutcome>();
            var usedImages = new HashSet<string>(StringComparer.Ordinal);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
            // No refresh thread: the bar is redrawn after each file, on this thread, so nothing writes to the error writer
            // after the command has returned (a caller may close it then; a background redraw once crashed the test host).
            await console.Progress()
                .AutoRefresh(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(T("Importing into {0}", target.Name)), maxValue: Math.Max(1, files.Count - missing.Count));
                    void Step()
                    {
                        task.Increment(1);
                        context.Refresh();
                    }

                    // Page and annotation files go to the importer in batches (bounded in files and bytes held in memory): a batch
                    // is parsed on every core and written several pages per transaction.
                    var batch = new List<PageFile>();
                    var batchBytes = 0L;
                    async Task ImportBatchAsync()
                    {
                        foreach (var result in batch.Count == 0 ? [] : await importer.ImportManyAsync(target.Id, batch, formatName, articleStatus, textEncoding, cancellationToken))
                        {
                            outcomes.AddRange(result.Outcomes);
                            newLabels.AddRange(result.NewLabels.Where(l => !newLabels.Contains(l)));
                            Step();
                        }

                        (batch, batchBytes) = ([], 0);
                    }

                    foreach (var file in files.Except(missing))
                    {
                        if (PageImageStore.IsImageName(file))
                        {
                            Step();
                            continue; // after the pages: it may be the image of one of them
                        }

                        if (PageImporter.IsMetsFile(file))
                        {
                            await ImportBatchAsync();
                            outcomes.AddRange(await pages.ImportMetsIssueAsync(target.Id, file, cancellationToken));
                            Step();
                            continue;
                        }

                        var bytes = await ReadLimitedAsync(file, cancellationToken);
                        if (bytes is null)
                        {
                            await ImportBatchAsync();
                            outcomes.Add(new ImportOutcome(Path.GetFileName(file), ImportStatus.Rejected, ImportMessages.TooLarge(Path.GetFileName(file))));
                            Step();
                            continue;
                        }

                        var lookup = ImageLookups.InFolder(file, RootOf(file, arguments));
                        ImageFile? Recorded(string name, Core.Pages.SourcePage? source)
                        {
                            var found = lookup(name, source);
                            if (found?.Path is { } path)
                            {
                                usedImages.Add(Path.GetFullPath(path));
                            }

                            return found;
                        }

                        batch.Add(new PageFile(Path.GetFileName(file), bytes, Recorded));
                        batchBytes += bytes.Length;
                        if (batch.Count >= FileImporter.BatchFiles || batchBytes >= FileImporter.BatchBytes)
                        {
                            await ImportBatchAsync();
                        }
                    }

                    await ImportBatchAsync();

                    // Images named on the command line that no page took: the image of the project's page with the same base name.
                    foreach (var image in files.Except(missing).Where(PageImageStore.IsImageName).Where(f => !usedImages.Contains(Path.GetFullPath(f))))
                    {
                        var name = Path.GetFileName(image);
                        outcomes.AddRange(new FileInfo(image).Length > PageImageStore.MaxBytes
                            ? [new ImportOutcome(name, ImportStatus.Rejected, $"{name}: {ImageMessages.TooLarge(PageImageStore.MaxBytes)}")]
                            : await pages.AttachImageAsync(target.Id, name, await File.ReadAllBytesAsync(image, cancellationToken), cancellationToken));
                    }
                });

            foreach (var outcome in outcomes)
            {
                await (outcome.Status == ImportStatus.Rejected ? error : output).WriteLineAsync(outcome.Message);
            }

            var imported = outcomes.Count(o => o.Status == ImportStatus.Imported);
            var skipped = outcomes.Count(o => o.Status == ImportStatus.Duplicate);
            var rejected = outcomes.Count(o => o.Status == ImportStatus.Rejected) + missing.Count;
            await output.WriteLineAsync(T("{0} imported, {1} skipped as duplicates, {2} refused.", imported, skipped, rejected));
            if (newLabels.Count > 0)
            {
                await output.WriteLineAsync(T("Labels added to {0}: {1}.", target.Name, string.Join(", ", newLabels)));
            }

            return rejected > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>The files the arguments name (folders searched), and those of them that do not exist, each reported on <paramref name="error"/>.</summary>
    internal static async Task<(IReadOnlyList<string> Files, List<string> Missing)> FilesAsync(string[] arguments, string formatName, TextWriter error)
    {
        var files = ImportFormats.ExpandPaths(arguments, formatName);
        var missing = files.Where(f => !File.Exists(f)).ToList();
        foreach (var path in missing)
        {
            await error.WriteLineAsync(T("{0}: no such file or folder.", path));
        }

        return (files, missing);
    }

    /// <summary>The folder named on the command line that holds the file, else the file's own folder: image references may not leave it.</summary>
    private static string RootOf(string file, IEnumerable<string> arguments)
    {
        var full = Path.GetFullPath(file);
        return arguments.Where(Directory.Exists).Select(a => Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar)
            .Where(a => full.StartsWith(a, StringComparison.Ordinal))
            .OrderByDescending(a => a.Length)
            .FirstOrDefault() ?? Path.GetDirectoryName(full)!;
    }

    private static async Task<byte[]?> ReadLimitedAsync(string file, CancellationToken cancellationToken) =>
        new FileInfo(file).Length > Core.Pages.PageReader.MaxBytes ? null : await File.ReadAllBytesAsync(file, cancellationToken);
}
