using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Core.Tests.Editing;

namespace Workbench.Core.Tests.Localization;

/// <summary>
/// No English inside a Chinese message: every Core refusal, note and operation description rendered in zh-Hans holds
/// no ASCII word outside a short allow-list (format names, label names, units, the JSON field names that are syntax).
/// The resx-pair check cannot see this, because the English comes in through the arguments.
/// </summary>
public sealed partial class RefusalLanguageTests
{
    /// <summary>Names that stay as they are in Chinese text: formats, label names, units, JSON literals and field names.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "OCR", "ALTO", "PAGE", "XML", "hOCR", "METS", "UTF", "JSON", "JSONL", "CoNLL", "BIO", "NER", "CSV", "DTD", "PcGts", "Page", "alto", "mets", "ocr_page",
        "CLUENER", "doccano", "Label", "Studio", "ner", "jsonl", "BOM", "NUL", "MB", "KB", "ID", "SHA", "CRLF", "LF", "rrggbb",
        "Workbench", "PER", "ORG", "LOC", "GPE", "MISC", "TYPE", "train", "dev", "test",
        "true", "false", "null", "entities", "spans", "ents", "start", "end", "type", "data", "labels", "value", "class", "import", "entity",
    };

    private static readonly PageState Page = PageStates.FromSegmentation(new PageSegmentation(
        new SourcePage("页.txt", SourceFormat.Text, [.. new[] { "乌兰察布市召开会议", "徐振朋主持会议并讲话", "", "会议指出𠀀要推进工作", "😀 表情 😀", "第二篇文章的标题", "第二篇文章的正文内容", "继续正文" }
            .Select((t, i) => new SourceLine(i + 1, t))]),
        [
            new SegmentArticle("会议", [new SegmentBlock(BlockRole.Headline, 1, 1), new SegmentBlock(BlockRole.Body, 2, 5)]),
            new SegmentArticle("第二篇", [new SegmentBlock(BlockRole.Headline, 6, 6), new SegmentBlock(BlockRole.Body, 7, 8)]),
        ]));

    /// <summary>The ASCII words of <paramref name="message"/> that are not allowed (single letters are keys and tag prefixes).</summary>
    internal static List<string> EnglishWords(string message) =>
        [.. AsciiWord().Matches(message).Select(m => m.Value).Where(w => w.Length > 1 && !Allowed.Contains(w))];

    [Fact]
    public void Check_FindsAnEnglishArgument_AndAllowsFormatAndLabelNames()
    {
        Assert.Equal(["the", "new", "text"], EnglishWords("更改不完整：缺少 the new text。"));
        Assert.Empty(EnglishWords("标签 PER 的实体“徐振朋”不是 JSON；第 3 行（I- 标签）"));
    }

    [Fact]
    public void EveryEditorRefusal_Note_AndDescription_IsChineseInZhHans()
    {
        var messages = InChinese(() =>
        {
            var found = new List<(string Source, string Text)>();
            void Run(PageState state, PageOperation? op)
            {
                if (op is not null)
                {
                    found.Add(("describe " + op.GetType().Name, OperationDescriptions.Describe(op)));
                }

                switch (PageEditor.Apply(state, op!))
                {
                    case OperationResult.Rejected r:
                        found.Add(("refuse " + (op?.GetType().Name ?? "null"), r.Reason));
                        break;
                    case OperationResult.Applied a:
                        found.AddRange(a.Notes.Select(n => ("note " + (op?.GetType().Name ?? "null"), n)));
                        found.Add(("describe inverse", OperationDescriptions.Describe(a.Inverse)));
                        break;
                }
            }

            foreach (var (state, op) in Explicit())
            {
                Run(state, op);
            }

            foreach (var seed in Enumerable.Range(0, 60))
            {
                var rng = new Random(seed);
                var state = Page.Then(new AddEntity("PER", new Anchor(2, 0), new Anchor(2, 3), "徐振朋"));
                for (var i = 0; i < 40; i++)
                {
                    var op = RandomOperation(rng);
                    Run(state, op);
                    if (PageEditor.Apply(state, op) is OperationResult.Applied applied)
                    {
                        state = applied.NewState;
                    }
                }
            }

            return found;
        });

        var english = messages.Select(m => (m.Source, m.Text, Words: EnglishWords(m.Text))).Where(m => m.Words.Count > 0).DistinctBy(m => (m.Source, m.Text)).ToList();
        Assert.True(english.Count == 0, string.Join("\n", english.Select(m => $"{m.Source}: {m.Text} [{string.Join(", ", m.Words)}]")));

        // The run reached the refusals that take arguments, the "missing value" ones among them.
        var reasons = messages.Where(m => m.Source.StartsWith("refuse", StringComparison.Ordinal)).Select(m => m.Text).Distinct().ToList();
        Assert.True(reasons.Count(r => r.StartsWith("更改不完整", StringComparison.Ordinal)) >= 6, string.Join("\n", reasons));
        Assert.Contains(reasons, r => r.Contains("“已提交”", StringComparison.Ordinal) || r.Contains("“已通过”", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryCoreMessage_RenderedInZhHans_HasNoEnglishWord()
    {
        var file = Path.Combine(RepoPaths.Root, "src", "Workbench.Core", "Resources", "CoreMessages.zh-Hans.resx");
        var keys = XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();
        Assert.NotEmpty(keys);

        var rendered = InChinese(() => keys.Select(k => (Key: k, Text: Render(k))).ToList());

        var english = rendered.Select(r => (r.Key, r.Text, Words: EnglishWords(r.Text))).Where(r => r.Words.Count > 0).ToList();
        Assert.True(english.Count == 0, string.Join("\n", english.Select(r => $"{r.Key}: {r.Text} [{string.Join(", ", r.Words)}]")));
    }

    [Fact]
    public void JsonKindsInAnnotationRefusals_AreChineseInZhHans()
    {
        var error = InChinese(() => Assert.ThrowsAny<Exception>(() => Workbench.Core.Export.AnnotationImport.Read("a.jsonl", "[1, 2]\n"u8.ToArray())));

        Assert.Empty(EnglishWords(error.Message));
        Assert.Contains("数字", error.Message, StringComparison.Ordinal); // the first record of the array is the number 1
    }

    /// <summary>
    /// The code paths that fill Core and Web messages never pass an English literal as an argument (a literal made of
    /// allowed names, such as a format name, is fine): the words must be localised before they go in.
    /// </summary>
    [Fact]
    public void NoCodePath_PassesAnEnglishLiteralIntoAMessage()
    {
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in LiteralArgument().Matches(lines[i]))
                {
                    if (EnglishWords(m.Groups["literal"].Value) is { Count: > 0 } words)
                    {
                        problems.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1}: “{m.Groups["literal"].Value}” [{string.Join(", ", words)}]");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The message with numbers for its arguments; a message without arguments may hold literal braces (JSON shapes).</summary>
    private static string Render(string key) => Placeholder().IsMatch(CoreText.Get(key)) ? CoreText.Format(key, 1, 2, 3, 4, 5) : CoreText.Get(key);

    private static IEnumerable<(PageState, PageOperation)> Explicit()
    {
        var approved = Page.Then(new Batch([new SetStatus(1, ArticleStatus.Draft, ArticleStatus.Submitted), new SetStatus(1, ArticleStatus.Submitted, ArticleStatus.Approved)]));
        yield return (Page, null!);
        yield return (Page, new EditLine(2, Page.Lines[2].Text, null!));
        yield return (Page, new SetTitle(1, "会议", null!));
        yield return (Page, new AddEntity("PER", new Anchor(2, 0), new Anchor(2, 3), null!));
        yield return (Page, new AddEntity("PER", new Anchor(2, 0), new Anchor(2, 3), "徐振朋", (EntitySource)99));
        yield return (Page, new RestoreArticle(0, null!));
        yield return (Page, new SetStatus(1, ArticleStatus.Draft, ArticleStatus.Approved));
        yield return (Page, new SetStatus(1, ArticleStatus.Submitted, ArticleStatus.Draft));
        yield return (approved, new SetTitle(1, "会议", "新标题"));
        yield return (approved, new EditLine(2, Page.Lines[2].Text, "改"));
        yield return (Page, new SetTitle(1, "会议", new string('题', 2000)));
        yield return (Page, new EditLine(2, Page.Lines[2].Text, new string('字', 100_000)));
        yield return (Page, new AddEntity(new string('标', 500), new Anchor(2, 0), new Anchor(2, 3), "徐振朋"));
        yield return (Page, new Assign(1, new string('9', 2000)));
        yield return (Page, new Batch([.. Enumerable.Range(0, EditLimits.MaxSteps + 1).Select(_ => (PageOperation)new Assign(1, null))]));
        yield return (Page, new EditLine(2, Page.Lines[2].Text, "徐振朋主持"));
        yield return (Page.Then(new AddEntity("PER", new Anchor(2, 0), new Anchor(2, 3), "徐振朋")), new EditLine(2, Page.Lines[2].Text, "主持会议"));
        yield return (Page, new MoveLines(2, 5, 2));
        yield return (Page, new SetBlockRole(1, 0, (BlockRole)99));
        yield return (Page, new SetBlockRole(1, 0, BlockRole.Caption));
        yield return (Page, new LinkContinuation(1, 7, 2, Workbench.Core.Continuation.MarkerDirection.On));
        yield return (Page, new LinkContinuation(1, 7, 2, Workbench.Core.Continuation.MarkerDirection.From));
        yield return (Page, new UnlinkContinuation(1, 7, 2, Workbench.Core.Continuation.MarkerDirection.On));
    }

    private static PageOperation RandomOperation(Random rng)
    {
        string[] texts = ["", "徐振朋", "😀", "\uD83D", "甲\n乙", "会议", "PER"];
        int N() => rng.Next(-2, 11);
        string? T() => rng.Next(8) == 0 ? null : texts[rng.Next(texts.Length)];
        Anchor A() => new(N(), N());
        return rng.Next(17) switch
        {
            0 => new SplitArticle(N(), N(), T()),
            1 => new MergeArticles(N(), N()),
            2 => new MoveLines(N(), N(), rng.Next(3) == 0 ? null : N(), T()),
            3 => new ReorderBlocks(N(), [.. Enumerable.Range(0, rng.Next(4)).Select(_ => N())]),
            4 => new SetBlockRole(N(), N(), (BlockRole)N()),
            5 => new SetTitle(N(), T()!, T()!),
            6 => new EditLine(N(), T()!, T()!),
            7 => new AddEntity(T()!, A(), A(), T()!, (EntitySource)N(), rng.Next(3) == 0 ? N() : null),
            8 => new RelabelEntity(N(), T()!, T()!),
            9 => new RemoveEntity(N()),
            10 => new SetStatus(N(), (ArticleStatus)N(), (ArticleStatus)N()),
            11 => new Assign(N(), T()),
            12 => new SetBlocks(N(), [new BlockState((BlockRole)N(), N(), N())]),
            13 => new RemoveArticle(N()),
            14 => new RestoreArticle(N(), new ArticleState(N(), T()!, (ArticleStatus)N(), [new BlockState(BlockRole.Body, N(), N())])),
            15 => new RestoreArticle(N(), null!),
            _ => new Batch([new SetTitle(1, T()!, "题"), new EditLine(N(), T()!, "行")]),
        };
    }

    private static T InChinese<T>(Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    [GeneratedRegex(@"\{\d+(?:[:,][^{}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[A-Za-z][A-Za-z_]*")]
    private static partial Regex AsciiWord();

    /// <summary>A string literal given as a later argument of Reject/RejectWith/…Format(…) on one line.</summary>
    [GeneratedRegex("""\b(?:Reject|RejectWith|Format)\((?:[^;"]*?),\s*"(?<literal>[^"]*)"[^;]*\)""")]
    private static partial Regex LiteralArgument();
}
