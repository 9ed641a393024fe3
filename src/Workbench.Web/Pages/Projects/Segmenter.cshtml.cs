using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Security;
using Workbench.Web.Segmentation;

namespace Workbench.Web.Pages.Projects;

/// <summary>The project's segmentation models (admins): each version with its training counts and held-out F1 beside the rules', and a button to train.</summary>
public sealed class SegmenterModelPage(WorkbenchDbContext db, ProjectAccess access, TimeProvider clock) : ProjectPageModel(db, access)
{
    public sealed record Row(int Version, DateTimeOffset CreatedAt, int TrainingPages, int TrainingLines, int TrainingArticles, int HeldOutPages, double ModelF1, double RulesF1, double? BaseF1, bool Active, long TrainingMilliseconds, int Bytes);

    public IReadOnlyList<Row> Models { get; private set; } = [];

    public int ApprovedPages { get; private set; }

    [TempData]
    public string? Trained { get; set; }

    public async Task<IActionResult> OnGetAsync(int projectId, CancellationToken cancellationToken)
    {
        if (await EnterAsync(projectId, ProjectRole.Admin) is { } refused)
        {
            return refused;
        }

        Models = await Db.SegmenterModels.AsNoTracking().Where(m => m.ProjectId == projectId).OrderByDescending(m => m.Version)
            .Select(m => new Row(m.Version, m.CreatedAt, m.TrainingPages, m.TrainingLines, m.TrainingArticles, m.HeldOutPages, m.ModelF1, m.RulesF1, m.BaseF1, m.Active, m.TrainingMilliseconds, m.Bytes.Length))
            .ToListAsync(cancellationToken);
        ApprovedPages = (await ProjectSegmenters.ApprovedPageIdsAsync(Db, projectId, cancellationToken)).Count;
        return Page();
    }

    public async Task<IActionResult> OnPostTrainAsync(int projectId, CancellationToken cancellationToken)
    {
        if (await EnterAsync(projectId, ProjectRole.Admin) is { } refused)
        {
            return refused;
        }

        var model = await ProjectSegmenters.TrainAsync(Db, projectId, UserId, clock, cancellationToken);
        Trained = model is null ? "none" : model.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return RedirectToPage(new { projectId });
    }
}
