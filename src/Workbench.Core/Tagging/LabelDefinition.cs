using System.Buffers;
using System.Text;

namespace Workbench.Core.Tagging;

/// <summary>
/// An entity label an admin defines: its <see cref="Name"/> (stored on entities, e.g. "PER"), what editors see, a
/// highlight colour (#rrggbb), an optional hotkey 1–9, and whether it is retired (kept on old entities, no longer offered).
/// </summary>
public sealed record LabelDefinition(string Name, string DisplayName, string Color, int? Hotkey, bool Retired)
{
    /// <summary>PER, ORG, LOC and DATE with hotkeys 1–4 and colours from the Okabe–Ito palette (distinct for colour-blind readers).</summary>
    public static IReadOnlyList<LabelDefinition> Defaults { get; } =
    [
        new("PER", "人名", "#0072b2", 1, false),
        new("ORG", "机构", "#d55e00", 2, false),
        new("LOC", "地名", "#009e73", 3, false),
        new("DATE", "日期", "#cc79a7", 4, false),
    ];
}

/// <summary>Validation of <see cref="LabelDefinition"/>s: each method returns a user-facing sentence, or null when all is well.</summary>
public static class LabelRules
{
    public const int MaxNameLength = 50;
    public const int MaxDisplayNameLength = 50;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>
    /// Checks <paramref name="label"/> on its own and against <paramref name="others"/> (the other labels of the
    /// project, not including the one being edited): name 1–50 letters, digits, "_" or "-", unique ignoring case;
    /// a display name; colour #rrggbb; hotkey 1–9 and not used by another active label.
    /// </summary>
    public static string? Validate(LabelDefinition label, IEnumerable<LabelDefinition> others)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(others);
        if (ValidateName(label.Name) is { } nameError)
        {
            return nameError;
        }

        if (string.IsNullOrWhiteSpace(label.DisplayName))
        {
            return CoreText.Format("Label.NeedsDisplayName", label.Name);
        }

        if (label.DisplayName.Length > MaxDisplayNameLength)
        {
            return CoreText.Format("Label.DisplayNameTooLong", label.Name, MaxDisplayNameLength);
        }

        if (!IsColor(label.Color))
        {
            return CoreText.Format("Label.BadColor", label.Name);
        }

        if (label.Hotkey is { } key && key is < 1 or > 9)
        {
            return CoreText.Format("Label.BadHotkey", label.Name);
        }

        foreach (var other in others)
        {
            if (string.Equals(other.Name, label.Name, StringComparison.OrdinalIgnoreCase))
            {
                return CoreText.Format("Label.DuplicateName", other.Name);
            }

            if (!label.Retired && !other.Retired && label.Hotkey is { } mine && other.Hotkey == mine)
            {
                return CoreText.Format("Label.HotkeyInUse", mine, other.Name);
            }
        }

        return null;
    }

    /// <summary>Checks a whole label set (each label against the rest); the first problem found, or null.</summary>
    public static string? ValidateAll(IReadOnlyList<LabelDefinition> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        for (var i = 0; i < labels.Count; i++)
        {
            if (Validate(labels[i], labels.Take(i)) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>A label name: 1–50 letters, digits, "_" or "-".</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return CoreText.Get("Label.NeedsName");
        }

        var count = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            count++;
            if (!Rune.IsLetterOrDigit(rune) && rune.Value is not '_' and not '-')
            {
                return CoreText.Format("Label.BadNameCharacters", name);
            }
        }

        return count > MaxNameLength ? CoreText.Format("Label.NameTooLong", MaxNameLength) : null;
    }

    /// <summary>Advice that does not block saving (names are conventionally uppercase), or null.</summary>
    public static string? Advise(LabelDefinition label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label.Name is { } name && !string.Equals(name, name.ToUpperInvariant(), StringComparison.Ordinal)
            ? CoreText.Format("Label.UppercaseAdvice", name.ToUpperInvariant())
            : null;
    }

    /// <summary>Whether <paramref name="color"/> is "#" and six hex digits.</summary>
    public static bool IsColor(string? color) =>
        color is { Length: 7 } && color[0] == '#' && !color.AsSpan(1).ContainsAnyExcept(HexDigits);
}
