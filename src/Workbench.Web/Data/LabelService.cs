using Microsoft.EntityFrameworkCore;
using Workbench.Core.Tagging;

namespace Workbench.Web.Data;

/// <summary>Project label sets, stored. The rules a label set must keep live in Core (<see cref="LabelRules"/>).</summary>
public static class LabelService
{
    public static void AddDefaults(WorkbenchDbContext db, int projectId)
    {
        var defaults = LabelDefinition.Defaults;
        for (var i = 0; i < defaults.Count; i++)
        {
            var label = defaults[i];
            db.Labels.Add(new Label { ProjectId = projectId, Name = label.Name, DisplayName = label.DisplayName, Color = label.Color, Hotkey = label.Hotkey, Ordinal = i });
        }
    }

    /// <summary>Gives the default labels to projects that have none (projects made before labels existed).</summary>
    public static async Task EnsureDefaultsAsync(WorkbenchDbContext db, CancellationToken cancellationToken = default)
    {
        var bare = await db.Projects.Where(p => !db.Labels.Any(l => l.ProjectId == p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var projectId in bare)
        {
            AddDefaults(db, projectId);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static LabelDefinition ToDefinition(this Label label) => new(label.Name, label.DisplayName, label.Color, label.Hotkey, label.Retired);

    /// <summary>Why a label cannot be saved as it is, or null when it can.</summary>
    public static string? Validate(IEnumerable<Label> others, string name, string displayName, string color, int? hotkey, bool retired) =>
        LabelRules.Validate(new LabelDefinition(name, displayName, color, hotkey, retired), others.Select(ToDefinition));
}
