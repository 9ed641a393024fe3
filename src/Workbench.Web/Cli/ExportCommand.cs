using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Export;
using Workbench.Web.Data;
using Workbench.Web.Export;

using static Workbench.Web.Cli.CliText;

namespace Workbench.Web.Cli;

/// <summary>
/// `export --project NAME --format F --out DIR [--status approved|all] [--split 80/10/10|none] [--seed S]`: the
/// project's articles in one training format, plus manifest.json, into DIR (created). Prints a summary on stdout.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter output, TextWriter error, string[] hostArgs)
    {
        var project = new Option<string>("--project") { Description = T("The project to export."), Required = true };
        var format = new Option<string>("--format") { Description = T("One of {0}.", string.Join(", ", ExportFormats.All)), Required = true };
        format.AcceptOnlyFromAmong([.. ExportFormats.All]);
        var outDir = new Option<string>("--out") { Description = T("The folder to write into (created if missing; files of the same names are replaced)."), Required = true };
        var status = new Option<string>("--status") { Description = T("approved (the default: reviewed gold only) or all."), DefaultValueFactory = _ => ProjectExport.StatusApproved };
        status.AcceptOnlyFromAmong(ProjectExport.StatusApproved, ProjectExport.StatusAll);
        var split = new Option<string>("--split") { Description = T("Split ratios train/dev/test such as 80/10/10, 90/10 or train=8,dev=1,test=1; none for one file."), DefaultValueFactory = _ => "none" };
        var seed = new Option<string>("--seed") { Description = T("Seed of the split assignment (same seed and article ids → same splits)."), DefaultValueFactory = _ => "0" };
        var command = new Command("export", T("Export a project's annotated articles for training, with a manifest.json (counts, files and their SHA-256, dropped entities)."))
        {
            project, format, outDir, status, split, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            SplitRatios? ratios;
            try
            {
                ratios = SplitRatios.Parse(parse.GetValue(split));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                await error.WriteLineAsync(T("--split “{0}”: {1} (e.g. 80/10/10 or none).", parse.GetValue(split), e.Message));
                return 2;
            }

            await using var host = await CliHost.OpenAsync(hostArgs);
            var db = host.Get<WorkbenchDbContext>();
            var name = parse.GetValue(project)!.Trim();
            var target = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
            if (target is null)
            {
                await error.WriteLineAsync(T("There is no project named “{0}”.", name));
                return 1;
            }

            var directory = Directory.CreateDirectory(parse.GetValue(outDir)!).FullName;
            var statusName = parse.GetValue(status)!;
            var options = new ExportOptions(parse.GetValue(format)!)
            {
                Split = ratios,
                Seed = parse.GetValue(seed)!,
                Project = target.Name,
                Filters = new Dictionary<string, string> { ["status"] = statusName },
                Agreement = await Agreement.ProjectAgreement.ExportSourceAsync(db, target.Id, cancellationToken),
            };
            var manifest = Exporter.Run(
                ProjectExport.Articles(db, target.Id, statusName, options.Counters, ExportFormats.KeepsPartsOnTheirPages(options.Format), cancellationToken),
                options,
                file => File.Create(Path.Combine(directory, file)));

            await output.WriteLineAsync(Summary(manifest, directory));
            foreach (var empty in manifest.EmptySplits)
            {
                await error.WriteLineAsync(T("warning: the {0} split is empty ({1} articles exported with {2}); use more approved articles or other ratios, or --split none.", empty, manifest.Splits.Sum(s => s.Articles), manifest.SplitRatios));
            }

            if (manifest.Untouched.Count > 0)
            {
                await error.WriteLineAsync(T("note: {0} exported articles were never changed by anyone (machine output approved as it is); their ids are under \"untouched\" in {1}.", manifest.Untouched.Count, ExportManifest.FileName));
            }

            return 0;
        });
        return command;
    }

    internal static string Summary(ExportManifest manifest, string directory)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine(T("Exported {0} articles, {1} entities of {2} as {3} to {4}", manifest.Splits.Sum(s => s.Articles), manifest.Splits.Sum(s => s.Entities), manifest.Project, manifest.Format, directory));
        foreach (var split in manifest.Splits)
        {
            text.WriteLine("  " + T("{0}: {1} articles, {2} entities", split.Name, split.Articles, split.Entities));
        }

        text.WriteLine("  " + T("dropped: {0} (reasons in {1})", manifest.Dropped.Count, ExportManifest.FileName));
        if (manifest.RelationsNotImported > 0)
        {
            text.WriteLine("  " + T("relations in the imported files, not imported: {0}", manifest.RelationsNotImported));
        }

        foreach (var file in manifest.Files)
        {
            text.WriteLine("  " + T("{0} ({1} bytes)", file.Name, file.Size));
        }

        text.Write($"  {ExportManifest.FileName}");
        return text.ToString();
    }
}
