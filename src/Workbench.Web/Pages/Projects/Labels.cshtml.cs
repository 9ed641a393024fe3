using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Tagging;
using Workbench.Web.Data;
using Workbench.Web.Localization;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Projects;

public sealed class LabelsModel(WorkbenchDbContext db, ProjectAccess access) : ProjectPageModel(db, access)
{
    public string? Error { get; private set; }

    public IReadOnlyList<Label> Labels { get; private set; } = [];

    public IReadOnlyList<LabelPattern> Patterns { get; private set; } = [];

    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public async Task<IActionResult> OnGetAsync(int projectId) => await LoadAsync(projectId, ProjectRole.Annotator) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(int projectId, string name, string displayName, string color, int? hotkey)
    {
        if (await LoadAsync(projectId, ProjectRole.Admin) is { } refused)
        {
            return refused;
        }

        name = (name ?? "").Trim();
        Error = LabelService.Validate(Labels, name, (displayName ?? "").Trim(), color ?? "", hotkey, retired: false);
        if (Error is not null)
        {
            return Page();
        }

        Db.Labels.Add(new Label { ProjectId = projectId, Name = name, DisplayName = displayName!.Trim(), Color = color!.ToLowerInvariant(), Hotkey = hotkey, Ordinal = Labels.Count });
        await Db.SaveChangesAsync();
        return RedirectToPage(new { projectId });
    }

    public async Task<IActionResult> OnPostUpdateAsync(int projectId, int labelId, string displayName, string color, int? hotkey)
    {
        if (await LoadAsync(projectId, ProjectRole.Admin) is { } refused)
        {
            return refused;
        }

        var label = await Db.Labels.FirstOrDefaultAsync(l => l.Id == labelId && l.ProjectId == projectId);
        if (label is null)
        {
            return NotFound();
        }

        Error = LabelService.Validate(Labels.Where(l => l.Id != labelId).ToList(), label.Name, (displayName ?? "").Trim(), color ?? "", hotkey, label.Retired);
        if (Error is not null)
        {
            return Page();
        }

        label.DisplayName = displayName!.Trim();
        label.Color = color!.ToLowerInvariant();
        label.Hotkey = hotkey;
        await Db.SaveChangesAsync();
        return RedirectToPage(new { projectId });
    }

    public async Task<IActionResult> OnPostRetireAsync(int projectId, int labelId, bool retired)
    {
        if (await LoadAsync(projectId, ProjectRole.Admin) is { } refused)
        {
            return refused;
        }

        var label = await Db.Labels.FirstOrDefaultAsync(l => l.Id == labelId && l.ProjectId == projectId);
        if (label is null)
        {
            return NotFound();
        }

        if (!retired)
        {
            // A restored label takes its hotkey back only if no active label has taken it meanwhile.
            Error = LabelService.Validate(Labels.Where(l => l.Id != labelId).ToList(), label.Name, label.DisplayName, label.Color, label.Hotkey, retired: false);
            if (Error is not null)
            {
                label.Hotkey = null;
                Error = null;
            }
        }

        label.Retired = retired;
        await Db.SaveChangesAsync();
        return RedirectToPage(new { projectId });
    }

    public async Task<IActionResult> OnPostAddPatternAsync(int projectId, string label, string pattern)
    {
        if (await LoadAsync(projectId, ProjectRole.Admin) is { } refused)
        {
            return refused;
        }

        Error = Labels.Any(l => l.Name == label && !l.Retired) ? PatternRule.Validate(label, pattern) : this.Text()["There is no active label {0}.", label].Value;
        if (Error is not null)
        {
            return Page();
        }

        Db.LabelPatterns.Add(new LabelPattern { ProjectId = projectId, Label = label, Pattern = pattern! });
        await Db.SaveChangesAsync();
        return RedirectToPage(new { projectId });
    }

    public async Task<IActionResult> OnPostRemovePatternAsync(int projectId, int patternId)
    {
        if (await LoadAsync(projectId, ProjectRole.Admin) is { } refused)
        {
            return refused;
        }

        await Db.LabelPatterns.Where(p => p.Id == patternId && p.ProjectId == projectId).ExecuteDeleteAsync();
        return RedirectToPage(new { projectId });
    }

    private async Task<IActionResult?> LoadAsync(int projectId, ProjectRole needed)
    {
        if (await EnterAsync(projectId, needed) is { } refused)
        {
            return refused;
        }

        Labels = await Db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).ThenBy(l => l.Id).ToListAsync();
        Patterns = await Db.LabelPatterns.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.Id).ToListAsync();
        Counts = await Db.Entities.AsNoTracking()
            .Where(e => Db.Pages.Any(p => p.Id == e.PageId && p.ProjectId == projectId))
            .GroupBy(e => e.Label).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        return null;
    }
}
