using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Segmentation;

using static Workbench.Web.Cli.CliText;

namespace Workbench.Web.Cli;

/// <summary>`segmenter train --project NAME`: trains the project's segmentation model on its approved pages and prints how it compares with the rules.</summary>
internal static class SegmenterCommand
{
    public static Command Create(TextWriter output, TextWriter error, string[] hostArgs)
    {
        var project = new Option<string>("--project") { Description = T("The project whose approved pages to learn from."), Required = true };
        var train = new Command("train", T("Train the project's segmentation model on its approved pages (every fifth page held out) and store it; new imports use it only if it beats the rules on the held-out pages.")) { project };
        train.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(hostArgs);
            var db = host.Get<WorkbenchDbContext>();
            var name = parse.GetValue(project)!.Trim();
            var target = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
            if (target is null)
            {
                await error.WriteLineAsync(T("No project named {0}.", name));
                return 2;
            }

            var model = await ProjectSegmenters.TrainAsync(db, target.Id, null, TimeProvider.System, cancellationToken);
            if (model is null)
            {
                await error.WriteLineAsync(T("{0} has no page whose articles are all approved yet: nothing to learn from.", target.Name));
                return 1;
            }

            var f1 = (double value) => value.ToString("0.000", CultureInfo.CurrentCulture);
            await output.WriteLineAsync(T("Model version {0}: trained on {1} pages ({2} lines, {3} articles) in {4} s; {5} pages held out.",
                model.Version, model.TrainingPages, model.TrainingLines, model.TrainingArticles, (model.TrainingMilliseconds / 1000.0).ToString("0.0", CultureInfo.CurrentCulture), model.HeldOutPages));
            await output.WriteLineAsync(T("B-cubed F1 on the held-out pages: model {0}, rules {1}.", f1(model.ModelF1), f1(model.RulesF1)));
            await output.WriteLineAsync(model.Active ? T("New imports use this model.") : T("New imports keep the rules: the model did not beat them on the held-out pages."));
            return 0;
        });
        return new Command("segmenter", T("Train and inspect segmentation models.")) { train };
    }
}
