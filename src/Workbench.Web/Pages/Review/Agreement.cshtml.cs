using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Agreement;
using Workbench.Web.Agreement;
using Workbench.Web.Data;
using Workbench.Web.Review;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Review;

/// <summary>
/// The project's inter-annotator agreement (independent mode, issue #19) for reviewers and admins only: pairs, Fleiss' κ,
/// Krippendorff's α, per label, per article worst first, a chart, CSV; filters by label and by the date the article's last
/// layer was submitted. Only articles with every layer submitted are measured. Annotators never get this page: its
/// figures are per annotator and per article; what they may see is the project's α on the dashboard, one number over
/// complete articles, whose layers every annotator may already read.
/// </summary>
public sealed class AgreementModel(WorkbenchDbContext db, ProjectAccess access) : ProjectPageModel(db, access)
{
    public static readonly string[] CsvHeader = ["Article", "Page", "Article key", "Title", "Annotators", "Code points", "Disagreement", "Span F1", "Span F1 overlap", "Krippendorff's alpha", "Last layer submitted (UTC)"];

    /// <summary>Buckets of the per-article span F1 chart: 0–0.1, …, 0.9–1 (1 in the last).</summary>
    public const int Buckets = 10;

    [BindProperty(SupportsGet = true)]
    public string? Label { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public bool Independent { get; private set; }

    public ProjectAgreementResult Result { get; private set; } = null!;

    public IReadOnlyList<string> Labels { get; private set; } = [];

    public IReadOnlyList<ItemAgreement> Worst { get; private set; } = [];

    /// <summary>Annotator ids → display names (as lists of people read elsewhere in the app; the CLI gives log-in names).</summary>
    public IReadOnlyDictionary<string, string> DisplayNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The display name of an annotator id.</summary>
    public string NameOf(string userId) => DisplayNames.TryGetValue(userId, out var name) ? name : Result.NameOf(userId);

    private AgreementFilter Filter => new(string.IsNullOrWhiteSpace(Label) ? null : Label, From, To);

    public async Task<IActionResult> OnGetAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Reviewer) is { } refused)
        {
            return refused;
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The per-article table with the same filters, worst first.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Reviewer) is { } refused)
        {
            return refused;
        }

        await LoadAsync();
        var rows = Worst.Select(i =>
        {
            var article = Result.Articles[i.Id];
            return (IReadOnlyList<string?>)
            [
                i.Id, article.PageName, article.Key.ToString(CultureInfo.InvariantCulture), article.Title,
                string.Join(" | ", i.Annotators.Select(NameOf)), i.Length.ToString(CultureInfo.InvariantCulture),
                Number(i.DisagreementRate), Number(i.Exact.F1), Number(i.Overlap.F1), Number(i.KrippendorffAlpha),
                article.Completed?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ];
        });
        var name = $"agreement-project-{projectId}-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv";
        return File(Csv.Encode(rows.Prepend(CsvHeader)), "text/csv; charset=utf-8", name);
    }

    /// <summary>How many comparable articles fall in each span F1 bucket; articles with no spans at all (F1 undefined) are left out.</summary>
    public IReadOnlyList<int> F1Histogram()
    {
        var counts = new int[Buckets];
        foreach (var item in Worst)
        {
            if (item.Exact.F1 is { } f1)
            {
                counts[Math.Min(Buckets - 1, (int)(f1 * Buckets))]++;
            }
        }

        return counts;
    }

    /// <summary>A link to this view in CSV, keeping the filters.</summary>
    public string CsvLink() => Url.Page("/Review/Agreement", "Csv", new { projectId = ProjectId, Label, From, To })!;

    /// <summary>A figure for the page: three decimals, "—" when undefined (never 0).</summary>
    public static string Show(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.CurrentCulture) : "—";

    private static string Number(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "";

    private async Task LoadAsync()
    {
        Independent = await Db.Projects.Where(p => p.Id == ProjectId).Select(p => p.AnnotationMode).FirstAsync() == AnnotationMode.Independent;
        Labels = await Db.Labels.AsNoTracking().Where(l => l.ProjectId == ProjectId && !l.Retired).OrderBy(l => l.Ordinal).ThenBy(l => l.Id).Select(l => l.Name).ToListAsync();
        Result = await ProjectAgreement.MeasureAsync(Db, ProjectId, Filter, HttpContext.RequestAborted);
        Worst = [.. Result.Report.WorstFirst()];
        DisplayNames = await UserNames.ForAsync(Db, Result.Report.Annotators, HttpContext.RequestAborted);
    }
}
