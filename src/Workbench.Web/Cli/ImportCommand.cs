using System.CommandLine;
using Spectre.Console;
using Workbench.Web.Data;
using Workbench.Web.Import;

namespace Workbench.Web.Cli;

/// <summary>`import PATH... --project NAME`: files or folders into a project (created if missing), with progress.</summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter error, string[] hostArgs)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Page files or folders (searched recursively for .txt, .md, .xml, .hocr, .html; a folder with a METS file imports its ALTO pages with the METS articles).", Arity = ArgumentArity.OneOrMore };
        var project = new Option<string>("--project") { Description = "The project to import into; created if missing.", Required = true };
        var format = new Option<string>("--format") { Description = "auto, text, markdown, alto, page or hocr.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "text", "markdown", "alto", "page", "hocr");
        var command = new Command("import", "Import page files into a project. Files already in the project (same SHA-256) are skipped.") { paths, project, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var files = PageImporter.ExpandPaths(parse.GetValue(paths)!);
            var missing = files.Where(f => !File.Exists(f)).ToList();
            foreach (var path in missing)
            {
                await error.WriteLineAsync($"{path}: no such file or folder.");
            }

            await using var host = await CliHost.OpenAsync(hostArgs);
            var db = host.Get<WorkbenchDbContext>();
            var importer = host.Get<PageImporter>();
            var target = await ProjectService.GetOrCreateAsync(db, parse.GetValue(project)!, TimeProvider.System, cancellationToken);
            var outcomes = new List<ImportOutcome>();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"Importing into {Markup.Escape(target.Name)}", maxValue: Math.Max(1, files.Count - missing.Count));
                    foreach (var file in files.Except(missing))
                    {
                        if (PageImporter.IsMetsFile(file))
                        {
                            outcomes.AddRange(await importer.ImportMetsIssueAsync(target.Id, file, cancellationToken));
                            task.Increment(1);
                            continue;
                        }

                        var bytes = await ReadLimitedAsync(file, cancellationToken);
                        outcomes.Add(bytes is null
                            ? new ImportOutcome(Path.GetFileName(file), ImportStatus.Rejected, $"{Path.GetFileName(file)}: the file is larger than 20 MB.")
                            : await importer.ImportAsync(target.Id, Path.GetFileName(file), bytes, SegmentCommand.ParseFormat(parse.GetValue(format)), cancellationToken: cancellationToken));
                        task.Increment(1);
                    }
                });

            foreach (var outcome in outcomes)
            {
                await (outcome.Status == ImportStatus.Rejected ? error : output).WriteLineAsync(outcome.Message);
            }

            var imported = outcomes.Count(o => o.Status == ImportStatus.Imported);
            var skipped = outcomes.Count(o => o.Status == ImportStatus.Duplicate);
            var rejected = outcomes.Count(o => o.Status == ImportStatus.Rejected) + missing.Count;
            await output.WriteLineAsync($"{imported} imported, {skipped} skipped as duplicates, {rejected} refused.");
            return rejected > 0 ? 1 : 0;
        });
        return command;
    }

    private static async Task<byte[]?> ReadLimitedAsync(string file, CancellationToken cancellationToken) =>
        new FileInfo(file).Length > Core.Pages.PageReader.MaxBytes ? null : await File.ReadAllBytesAsync(file, cancellationToken);
}
