using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workbench.Core.Export;

/// <summary>Named split ratios such as train 80 / dev 10 / test 10.</summary>
public sealed class SplitRatios
{
    private static readonly string[] DefaultNames = ["train", "dev", "test"];

    public SplitRatios(IReadOnlyList<(string Name, int Weight)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0 || parts.Any(p => p.Weight < 0) || parts.Sum(p => p.Weight) <= 0)
        {
            throw new ArgumentException("split ratios need at least one positive weight and none negative", nameof(parts));
        }

        if (parts.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != parts.Count)
        {
            throw new ArgumentException("split names must be distinct", nameof(parts));
        }

        Parts = parts;
    }

    public IReadOnlyList<(string Name, int Weight)> Parts { get; }

    public int Total => Parts.Sum(p => p.Weight);

    /// <summary>"80/10/10" (train/dev/test), "90/10" (train/test), "train=8,dev=1,test=1"; "none" or "" → null (no split).</summary>
    public static SplitRatios? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.Contains('='))
        {
            var named = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
                .Select(p => (p[0], int.Parse(p[1], NumberStyles.None, CultureInfo.InvariantCulture)))
                .ToList();
            return new SplitRatios(named);
        }

        var weights = text.Split('/', StringSplitOptions.TrimEntries)
            .Select(w => int.Parse(w, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToList();
        var names = weights.Count switch
        {
            1 => ["train"],
            2 => ["train", "test"],
            3 => DefaultNames,
            _ => throw new FormatException(CoreText.Format("Export.SplitNames", weights.Count)),
        };
        return new SplitRatios([.. weights.Select((w, i) => (names[i], w))]);
    }

    public override string ToString() => string.Join("/", Parts.Select(p => p.Weight.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>
/// Assigns an item to a split from SHA-256 of <c>seed + "\u001F" + key</c> (System.IO.Hashing is a NuGet package, not
/// part of the BCL): the same key and seed always give the same split, on any machine, in any order of enumeration.
/// Without ratios everything goes to <see cref="NoSplit"/>.
/// </summary>
public sealed class SplitAssigner
{
    /// <summary>The split name used when there are no ratios.</summary>
    public const string NoSplit = "all";

    private readonly SplitRatios? _ratios;
    private readonly string _seed;

    public SplitAssigner(SplitRatios? ratios, string seed)
    {
        _ratios = ratios;
        _seed = seed ?? "";
    }

    public IReadOnlyList<string> Names => _ratios is null ? [NoSplit] : [.. _ratios.Parts.Select(p => p.Name)];

    public string Assign(string key)
    {
        if (_ratios is null)
        {
            return NoSplit;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(_seed + "\u001F" + key), hash);
        var value = BinaryPrimitives.ReadUInt64BigEndian(hash);
        var total = (ulong)_ratios.Total;
        var bucket = (ulong)(((UInt128)value * total) >> 64); // uniform in [0, total)
        ulong upTo = 0;
        foreach (var (name, weight) in _ratios.Parts)
        {
            upTo += (ulong)weight;
            if (bucket < upTo)
            {
                return name;
            }
        }

        return _ratios.Parts[^1].Name;
    }
}
