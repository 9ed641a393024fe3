using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Workbench.Web.Data;

/// <summary>Project label sets: the defaults every project starts with, and the rules an admin's changes must keep.</summary>
public static partial class LabelService
{
    public static readonly (string Name, string DisplayName, string Color, int Hotkey)[] Defaults =
    [
        ("PER", "人名", "#d1495b", 1),
        ("ORG", "机构", "#2e86ab", 2),
        ("LOC", "地名", "#3c9d5d", 3),
        ("DATE", "日期", "#c17c00", 4),
    ];

    public static void AddDefaults(WorkbenchDbContext db, int projectId)
    {
        for (var i = 0; i < Defaults.Length; i++)
        {
            var (name, display, color, hotkey) = Defaults[i];
            db.Labels.Add(new Label { ProjectId = projectId, Name = name, DisplayName = display, Color = color, Hotkey = hotkey, Ordinal = i });
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

    /// <summary>Why a label cannot be saved as it is, or null when it can.</summary>
    public static string? Validate(IReadOnlyList<Label> others, string name, string displayName, string color, int? hotkey, bool retired)
    {
        if (!NamePattern().IsMatch(name))
        {
            return $"“{name}” is not a usable label name: use 1–{Label.MaxName} letters, digits, _ or -.";
        }

        if (others.Any(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return $"The project already has a label {name}.";
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > Label.MaxDisplayName)
        {
            return $"Give the label a display name of 1–{Label.MaxDisplayName} characters.";
        }

        if (!ColorPattern().IsMatch(color))
        {
            return $"“{color}” is not a colour; use the form #rrggbb.";
        }

        if (hotkey is < 1 or > 9)
        {
            return "A hotkey is a digit from 1 to 9.";
        }

        var taken = others.FirstOrDefault(l => !l.Retired && !retired && hotkey is not null && l.Hotkey == hotkey);
        return taken is null ? null : $"Hotkey {hotkey} already tags {taken.Name}.";
    }

    /// <summary>Why a pattern rule cannot be used, or null. Patterns run with a timeout so a bad one cannot hang tagging.</summary>
    public static string? ValidatePattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > LabelPattern.MaxPattern)
        {
            return $"A pattern has 1–{LabelPattern.MaxPattern} characters.";
        }

        try
        {
            var regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return regex.IsMatch("") ? "The pattern matches empty text; it would tag nothing useful." : null;
        }
        catch (ArgumentException e)
        {
            return $"The pattern is not a valid regular expression: {e.Message}";
        }
    }

    [GeneratedRegex(@"^[\p{L}\p{N}_\-]{1,50}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
