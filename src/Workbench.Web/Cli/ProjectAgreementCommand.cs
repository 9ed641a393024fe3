using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Agreement;
using Workbench.Web.Data;

using static Workbench.Web.Cli.CliText;

namespace Workbench.Web.Cli;

/// <summary>
/// `agreement --project NAME [--label L] [--json OUT]`: the agreement of a project in independent mode
/// (<see cref="ProjectAgreement"/>): a table of annotator pairs by user name, Fleiss' κ and Krippendorff's α, per label,
/// and the articles with the most disagreement; `--json` writes <see cref="AgreementJson"/>.
/// </summary>
internal static class ProjectAgreementCommand
{
    private const int WorstShown = 5;

    public static async Task<int> RunAsync(TextWriter output, TextWriter error, string[] hostArgs, string projectName, string? label, FileInfo? json, CancellationToken cancellationToken)
    {
        await using var host = await CliHost.OpenAsync(hostArgs);
        var db = host.Get<WorkbenchDbContext>();
        var name = projectName.Trim();
        var target = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (target is null)
        {
            await error.WriteLineAsync(T("There is no project named “{0}”.", name));
            return 1;
        }

        var result = await ProjectAgreement.MeasureAsync(db, target.Id, new AgreementFilter(string.IsNullOrWhiteSpace(label) ? null : label.Trim()), cancellationToken);
        await output.WriteAsync(Table(target.Name, result));
        if (json is not null)
        {
            try
            {
                await File.WriteAllBytesAsync(json.FullName, AgreementJson.Write(result), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync(T("{0}: cannot write the file ({1}).", json.Name, e.Message));
                return 2;
            }

            await output.WriteLineAsync(T("Figures written to {0}.", json.FullName));
        }

        return 0;
    }

    private static string Table(string project, ProjectAgreementResult result)
    {
        var report = result.Report;
        var n = AgreementCommand.N;
        var text = new StringBuilder();
        var compared = report.Items.Count(i => i.Comparable);
        text.AppendLine(T("Agreement in {0}: {1} articles with every layer submitted, {2} annotators.", project, compared, report.Annotators.Count));
        if (result.DroppedEntities > 0)
        {
            text.AppendLine(T("{0} entities could not be placed in their article's text and are left out.", result.DroppedEntities));
        }

        text.AppendLine(T("Span F1, exact match: {0}; overlap: {1} (all pairs pooled)", n(report.Exact.F1), n(report.Overlap.F1)));
        text.AppendLine(T("Fleiss' κ over code points: {0}", n(report.FleissKappa)));
        text.AppendLine(T("Krippendorff's α over code points: {0}", n(report.KrippendorffAlpha)));
        text.AppendLine();
        AgreementCommand.AppendColumns(
            text,
            [T("annotator A"), T("annotator B"), T("articles"), T("F1"), T("F1 overlap"), T("κ")],
            [.. report.Pairs.Select(p => new[] { result.NameOf(p.A), result.NameOf(p.B), p.Items.ToString(CultureInfo.InvariantCulture), n(p.Exact.F1), n(p.Overlap.F1), n(p.CohenKappa) })]);
        text.AppendLine();
        AgreementCommand.AppendColumns(
            text,
            [T("label"), T("spans"), T("F1"), T("F1 overlap"), T("Fleiss' κ"), T("α")],
            [.. report.Labels.Select(l => (l, report.PerLabel[l])).Select(x => new[]
            {
                x.l, (x.Item2.Exact.SpansA + x.Item2.Exact.SpansB).ToString(CultureInfo.InvariantCulture), n(x.Item2.Exact.F1), n(x.Item2.Overlap.F1), n(x.Item2.FleissKappa), n(x.Item2.KrippendorffAlpha),
            })]);
        var worst = report.WorstFirst().Take(WorstShown).ToList();
        if (worst.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(T("The {0} articles with the most disagreement (share of code points the annotators disagree on):", worst.Count));
            AgreementCommand.AppendColumns(
                text,
                [T("article"), T("page"), T("disagreement"), T("F1"), T("α")],
                [.. worst.Select(i => new[] { i.Id, result.Articles.TryGetValue(i.Id, out var a) ? a.PageName : "", n(i.DisagreementRate), n(i.Exact.F1), n(i.KrippendorffAlpha) })]);
        }

        return text.ToString();
    }
}
