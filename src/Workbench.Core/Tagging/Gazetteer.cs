using System.Collections.Immutable;

namespace Workbench.Core.Tagging;

/// <summary>
/// One gazetteer entry: the text (line breaks joined as on the page), the label it gets, and how approved work voted:
/// <see cref="LabelCounts"/> holds every label the text was approved with; the most frequent wins (ties: ordinal order).
/// </summary>
public sealed record GazetteerEntry(string Text, string Label, ImmutableSortedDictionary<string, int> LabelCounts)
{
    /// <summary>How often the text was approved with <see cref="Label"/>.</summary>
    public int Votes => LabelCounts[Label];

    /// <summary>Whether approved work used more than one label for this text.</summary>
    public bool IsAmbiguous => LabelCounts.Count > 1;
}

/// <summary>A gazetteer hit: [<see cref="Start"/>, <see cref="End"/>) in the searched text.</summary>
public readonly record struct GazetteerMatch(int Start, int End, GazetteerEntry Entry);

/// <summary>
/// Known entity texts from approved work, matched with an Aho–Corasick automaton: every occurrence is found in one
/// pass, then overlaps are resolved longest first (ties: earlier start). Immutable and safe to share between threads.
/// </summary>
public sealed class Gazetteer
{
    private readonly Dictionary<long, int> _next;
    private readonly int[] _fail;
    private readonly int[] _output;   // entry index ending at this node, or -1
    private readonly int[] _dictLink; // nearest node on the fail chain with an output, or -1
    private readonly int[] _depth;

    private Gazetteer(ImmutableArray<GazetteerEntry> entries, Dictionary<long, int> next, int[] fail, int[] output, int[] dictLink, int[] depth)
    {
        Entries = entries;
        _next = next;
        _fail = fail;
        _output = output;
        _dictLink = dictLink;
        _depth = depth;
    }

    public static Gazetteer Empty { get; } = Build([]);

    /// <summary>The entries in ordinal order of their text.</summary>
    public ImmutableArray<GazetteerEntry> Entries { get; }

    public int Count => Entries.Length;

    /// <summary>
    /// Builds the matcher from approved (text, label) pairs. Texts are trimmed and their line breaks joined as page
    /// lines are; empty texts and labels are skipped. A text approved with several labels takes the most frequent.
    /// </summary>
    public static Gazetteer Build(IEnumerable<(string Text, string Label)> approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var votes = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (rawText, rawLabel) in approved)
        {
            var text = TaggingText.Normalize(rawText ?? "");
            var label = rawLabel?.Trim() ?? "";
            if (text.Length == 0 || label.Length == 0)
            {
                continue;
            }

            if (!votes.TryGetValue(text, out var counts))
            {
                votes[text] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        var entries = votes
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v =>
            {
                var best = v.Value.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
                return new GazetteerEntry(v.Key, best, v.Value.ToImmutableSortedDictionary(StringComparer.Ordinal));
            })
            .ToImmutableArray();

        // Trie.
        var next = new Dictionary<long, int>();
        var children = new List<List<(char C, int Node)>> { new() };
        var output = new List<int> { -1 };
        var depth = new List<int> { 0 };
        for (var e = 0; e < entries.Length; e++)
        {
            var node = 0;
            foreach (var c in entries[e].Text)
            {
                if (!next.TryGetValue(Key(node, c), out var child))
                {
                    child = children.Count;
                    children.Add([]);
                    output.Add(-1);
                    depth.Add(depth[node] + 1);
                    next[Key(node, c)] = child;
                    children[node].Add((c, child));
                }

                node = child;
            }

            output[node] = e;
        }

        // Failure and dictionary links, breadth first.
        var fail = new int[children.Count];
        var dictLink = new int[children.Count];
        dictLink[0] = -1;
        var queue = new Queue<int>();
        foreach (var (_, child) in children[0])
        {
            fail[child] = 0;
            dictLink[child] = -1;
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in children[node])
            {
                var f = fail[node];
                int target;
                while (!next.TryGetValue(Key(f, c), out target) && f != 0)
                {
                    f = fail[f];
                }

                fail[child] = next.TryGetValue(Key(f, c), out target) && target != child ? target : 0;
                dictLink[child] = output[fail[child]] >= 0 ? fail[child] : dictLink[fail[child]];
                queue.Enqueue(child);
            }
        }

        return new Gazetteer(entries, next, fail, [.. output], dictLink, [.. depth]);
    }

    /// <summary>The entry for exactly this text (normalised like entries), or null.</summary>
    public GazetteerEntry? Lookup(string text)
    {
        var node = 0;
        foreach (var c in TaggingText.Normalize(text ?? ""))
        {
            if (!_next.TryGetValue(Key(node, c), out node))
            {
                return null;
            }
        }

        return _output[node] >= 0 ? Entries[_output[node]] : null;
    }

    /// <summary>
    /// Non-overlapping matches in <paramref name="text"/>, in order of start: longest first, ties by earlier start.
    /// Matches that would split a surrogate pair or a combining sequence are dropped.
    /// </summary>
    public IReadOnlyList<GazetteerMatch> Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var boundaries = TaggingText.Boundaries(text);
        return Match(text, i => boundaries[i], _ => true);
    }

    internal IReadOnlyList<GazetteerMatch> Match(string text, Func<int, bool> isBoundary, Func<GazetteerMatch, bool> allowed)
    {
        var all = new List<GazetteerMatch>();
        var node = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int target;
            while (!_next.TryGetValue(Key(node, c), out target) && node != 0)
            {
                node = _fail[node];
            }

            node = _next.TryGetValue(Key(node, c), out target) ? target : 0;
            for (var hit = _output[node] >= 0 ? node : _dictLink[node]; hit > 0; hit = _dictLink[hit])
            {
                var match = new GazetteerMatch(i + 1 - _depth[hit], i + 1, Entries[_output[hit]]);
                if (isBoundary(match.Start) && isBoundary(match.End) && allowed(match))
                {
                    all.Add(match);
                }
            }
        }

        return Resolve(all, text.Length, m => m.Start, m => m.End);
    }

    /// <summary>Keeps non-overlapping items, longest first, ties by earlier start; returned in order of start.</summary>
    internal static List<T> Resolve<T>(IEnumerable<T> items, int length, Func<T, int> start, Func<T, int> end, bool[]? taken = null)
    {
        taken ??= new bool[length];
        var kept = new List<T>();
        foreach (var item in items.OrderByDescending(x => end(x) - start(x)).ThenBy(start))
        {
            var free = true;
            for (var i = start(item); i < end(item) && free; i++)
            {
                free = !taken[i];
            }

            if (!free)
            {
                continue;
            }

            for (var i = start(item); i < end(item); i++)
            {
                taken[i] = true;
            }

            kept.Add(item);
        }

        kept.Sort((a, b) => start(a).CompareTo(start(b)));
        return kept;
    }

    private static long Key(int node, char c) => ((long)node << 16) | c;
}
