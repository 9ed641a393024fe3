namespace Workbench.Core.Tagging;

/// <summary>
/// Organisations by suffix (…局, …院, …大学, …公司, …协会, …委员会, …中心, …研究所): the longest run of CJK ideographs
/// before the suffix, cut at punctuation, whitespace, digits and particles (的, 在, 和, …), with leading verbs and
/// time words removed, 2–20 characters long. Tuned for precision: known non-organisation words (格局, 住院, 市中心)
/// and suffixes that continue a word (局长, 院校, 大学生) are skipped.
/// </summary>
internal static class OrgSuffixRule
{
    public const string Name = "org-suffix";

    public const int MinPrefix = 2;
    public const int MaxPrefix = 20;

    // Longest first so 研究所 wins over nothing shorter, 委员会 is taken whole.
    private static readonly string[] Suffixes = ["委员会", "研究所", "研究院", "大学", "公司", "协会", "中心", "局", "院"];

    private const string Particles = "的在和与由为对是及并将把被从向于了到等或给让跟也都还又而且着即";

    private static readonly string[] LeadingWords =
    [
        "走进", "来到", "建立", "成立", "组建", "设立", "推进", "打造", "举办", "召开", "位于", "加入", "进入", "依托", "联合",
        "包括", "通过", "经过", "根据", "担任", "任职", "就职", "前往", "参观", "考察", "调研", "走访", "访问", "邀请", "委托",
        "协调", "联系", "支持", "指导", "督促", "要求", "组织", "会同", "牵头", "配合", "协助", "带领", "率领", "获得", "荣获",
        "授予", "批准", "认定", "确定", "入选", "毕业", "就读", "考入", "来自", "隶属", "属于", "成为", "作为", "记者", "本报",
        "近日", "日前", "目前", "今年", "去年", "近年", "同时", "此外", "其中", "随后", "当天", "今天", "昨天",
        "推动", "引进", "获批", "拨付", "挂牌", "全力", "大量", "采访", "专访", "按照", "依照", "访",
    ];

    /// <summary>Verbs that rarely occur inside a name: a run is cut after the last one (leaving at least two characters).</summary>
    private static readonly string[] CutWords = ["挂牌", "拨付", "获批", "引进", "推动", "采访", "走访", "专访", "按照", "依照", "根据", "通过"];

    /// <summary>Names that contain a particle character (和) and must not be cut there.</summary>
    private static readonly string[] ProtectedNames = ["呼和浩特", "和林格尔", "和平"];

    /// <summary>Words ending in a suffix that are not organisations.</summary>
    private static readonly HashSet<string> NotOrganisations = new(StringComparer.Ordinal)
    {
        "格局", "布局", "结局", "大局", "全局", "开局", "骗局", "僵局", "棋局", "残局", "变局", "新局", "定局", "困局", "破局", "时局",
        "政局", "赌局", "饭局", "牌局", "终局", "出局", "当局", "庭院", "宅院", "后院", "前院", "大院", "内院", "住院", "出院", "入院",
        "合院", "小院", "两院", "办院", "建院", "市中心", "城中心", "镇中心", "区中心", "县中心",
    };

    /// <summary>A suffix directly followed by one of these is part of another word (局长, 院校, 大学生, 中心城区, 公司化).</summary>
    private static readonly Dictionary<string, string> NotFollowedBy = new(StringComparer.Ordinal)
    {
        ["局"] = "长面势部限",
        ["院"] = "长士子落校线所",
        ["研究院"] = "长士",
        ["研究所"] = "长",
        ["大学"] = "生",
        ["中心"] = "城区工任思点",
        ["公司"] = "化",
        ["委员会"] = "",
        ["协会"] = "长",
    };

    public static IEnumerable<RuleSpan> Find(TaggingBlock block, string label)
    {
        var text = block.Text;
        var spans = new List<RuleSpan>();
        for (var i = 0; i < text.Length; i++)
        {
            var suffix = Array.Find(Suffixes, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
            if (suffix is null)
            {
                continue;
            }

            var end = i + suffix.Length;
            if (end < text.Length && NotFollowedBy[suffix].Contains(text[end], StringComparison.Ordinal))
            {
                continue;
            }

            var start = RunStart(text, i);
            start = CutAfterVerbs(text, start, i);
            start = SkipLeadingWords(text, start, i);
            var prefixLength = CountElements(text, start, i);
            if (prefixLength is < MinPrefix or > MaxPrefix)
            {
                continue;
            }

            var candidate = text[start..end];
            if (NotOrganisations.Any(w => candidate.EndsWith(w, StringComparison.Ordinal)))
            {
                continue;
            }

            spans.Add(new RuleSpan(start, end, label, Name));
        }

        return spans;
    }

    /// <summary>Where the run of ideographs ending at <paramref name="end"/> begins (after punctuation, digits, particles…).</summary>
    private static int RunStart(string text, int end)
    {
        var start = end;
        while (start > 0)
        {
            var at = char.IsLowSurrogate(text[start - 1]) && start >= 2 && char.IsHighSurrogate(text[start - 2]) ? start - 2 : start - 1;
            if (!TaggingText.IsIdeograph(text, at, out _) || (Particles.Contains(text[at], StringComparison.Ordinal) && !InProtectedName(text, at)))
            {
                break;
            }

            start = at;
        }

        return start;
    }

    private static bool InProtectedName(string text, int at)
    {
        foreach (var name in ProtectedNames)
        {
            for (var k = 0; k < name.Length; k++)
            {
                if (name[k] == text[at] && at - k >= 0 && at - k + name.Length <= text.Length
                    && string.CompareOrdinal(text, at - k, name, 0, name.Length) == 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int CutAfterVerbs(string text, int start, int end)
    {
        if (end <= start)
        {
            return start; // nothing before the suffix (it opens the block): nothing to cut
        }

        var cut = start;
        foreach (var word in CutWords)
        {
            var at = text.LastIndexOf(word, end - 1, end - start, StringComparison.Ordinal);
            if (at >= start && end - (at + word.Length) >= MinPrefix)
            {
                cut = Math.Max(cut, at + word.Length);
            }
        }

        return cut;
    }

    private static int SkipLeadingWords(string text, int start, int end)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var word in LeadingWords)
            {
                if (end - start > word.Length && string.CompareOrdinal(text, start, word, 0, word.Length) == 0)
                {
                    start += word.Length;
                    changed = true;
                }
            }
        }

        return start;
    }

    private static int CountElements(string text, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                count++;
            }
        }

        return count;
    }
}
