using System.Text.RegularExpressions;

namespace Workbench.Core.Segmentation;

/// <summary>
/// General newspaper conventions as regular expressions: datelines, bylines, credits, jump lines, page furniture.
/// Nothing here is taken from a particular article; each pattern is the house style of Chinese or English papers at large.
/// </summary>
internal static partial class LinePatterns
{
    /// <summary>本报讯 / 本报呼和浩特7月11日讯 / 本报 7月 11日电 / 新华社北京3月5日电: the dateline that opens a news story.</summary>
    [GeneratedRegex(@"^[●■◆▲★]?\s*(?:本报讯|本报\s*\p{IsCJKUnifiedIdeographs}{0,8}\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[讯电]|(?:新华社|中新社|人民网|中新网)\s*\p{IsCJKUnifiedIdeographs}{0,8}\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*电)")]
    internal static partial Regex ChineseDateline();

    /// <summary>A reporter byline on its own line: ●本报记者 张三, 本报实习记者 李四, 记者 王五 通讯员 赵六 (not a photo credit).</summary>
    [GeneratedRegex(@"^(?:(?:[●■◆▲★]\s*(?:本报)?|本报)(?:实习|特约|首席)?(?:记者|通讯员)\s*|(?:记者|通讯员)\s+)[\p{IsCJKUnifiedIdeographs}·]{2,5}(?:\s+[\p{IsCJKUnifiedIdeographs}·]{2,5}){0,4}\s*$")]
    internal static partial Regex ChineseReporterByline();

    /// <summary>The reporter in parentheses right after a dateline: （记者 宋爽）.</summary>
    [GeneratedRegex(@"^\s*[（(]\s*(?:实习|特约)?(?:记者|通讯员)[^（）()]{1,30}[）)]\s*$")]
    internal static partial Regex ParenthesisedReporter();

    /// <summary>A photo credit: ■本报记者 张三 摄, 记者 李四 摄影, 图/王五.</summary>
    [GeneratedRegex(@"^[●■◆▲★]?\s*(?:(?:本报)?(?:实习|特约|首席)?(?:记者|通讯员)\s*[\p{IsCJKUnifiedIdeographs}·\s]{2,30}?\s*摄影?|[\p{IsCJKUnifiedIdeographs}·]{2,4}(?:\s+[\p{IsCJKUnifiedIdeographs}·]{2,4}){0,3}\s+摄影?|图\s*[/／:：]\s*\S.{0,30})\s*$")]
    internal static partial Regex ChinesePhotoCredit();

    /// <summary>A source credit closing an item, alone or at the end of its last line: （内蒙古科协供稿）, (某某供图).</summary>
    [GeneratedRegex(@"[（(][^（）()]{2,20}(?:供稿|供图|提供)[）)]\s*$")]
    internal static partial Regex SourceCreditTail();

    /// <summary>The author of a news brief at the very end, after the last sentence: 。 （王哲） / 。(韩争辉) / 。（完）.</summary>
    [GeneratedRegex(@"[。！？!?”」』]\s*[（(]\s*[\p{IsCJKUnifiedIdeographs}·]{1,6}(?:\s+[\p{IsCJKUnifiedIdeographs}·]{2,6}){0,2}\s*[）)]\s*$")]
    internal static partial Regex BriefAuthorTail();

    /// <summary>Page-level credits: 本版编辑：…, 本版文图由…提供, 本图文均由…提供, 责任编辑：…, 美编：….</summary>
    [GeneratedRegex(@"^\s*(?:本版(?:责任)?(?:编辑|责编|校对|美编|策划|统筹|组稿)|本版(?:文图|图文)|本(?:图文|文图)均?由|责任编辑|责任校对|版式设计|美编)\s*[:：由]?")]
    internal static partial Regex ChinesePageCredit();

    /// <summary>A jump from an earlier page: ■上接第2版, （上接第一版）, Continued from Page A1.</summary>
    [GeneratedRegex(@"^[■□◆●]?\s*[（(]?\s*(?:上接第?\s*[0-9０-９一二三四五六七八九十]+\s*版|[Cc]ontinued from [Pp]age\s*[A-Z]?\d+)")]
    internal static partial Regex ContinuedFrom();

    /// <summary>A jump to a later page, alone or at the end of the last line: （下转第2版）, Continued on Page 4, See PARK, Page 4.</summary>
    [GeneratedRegex(@"(?:[（(]?\s*下转第?\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[）)]?|\(?(?:[Cc]ontinued on|[Ss]ee [A-Z ,]+) [Pp](?:age|\.)\s*[A-Z]?\d+\)?)\s*$")]
    internal static partial Regex ContinuedTo();

    /// <summary>Page furniture: QR-code prompts and similar (扫一扫，看…, 扫码…, Scan the code…).</summary>
    [GeneratedRegex(@"^\s*(?:扫一扫|扫码|扫描二维码|长按识别|[Ss]can (?:the|this) (?:QR )?code)")]
    internal static partial Regex Furniture();

    /// <summary>A section marker on its own line: （二）, (三), 二、.</summary>
    [GeneratedRegex(@"^\s*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)\s*$")]
    internal static partial Regex SectionMarker();

    /// <summary>A dash subheadline under a headline: ——访某某, — interview with ….</summary>
    [GeneratedRegex(@"^\s*(?:——|──|—|--)\s*\S")]
    internal static partial Regex DashSubheadline();

    /// <summary>English bylines: By Jane Doe, BY JOHN SMITH.</summary>
    [GeneratedRegex(@"^\s*(?:By|BY)\s+[A-Z][\p{L}.'-]+(?:\s+(?:[A-Z][\p{L}.'-]+|and|AND|de|van|von))*\s*$")]
    internal static partial Regex EnglishByline();

    /// <summary>An English dateline opening a story: MILLBROOK — …, SPRINGFIELD, Ill. (AP) — ….</summary>
    [GeneratedRegex(@"^\s*[A-Z][A-Z.' -]{2,30}(?:,\s*[A-Z][\p{L}.]+(?:\s[A-Z][\p{L}.]+)?)?\s*(?:\((?:AP|Reuters|AFP)\)\s*)?(?:—|–|--)\s")]
    internal static partial Regex EnglishDateline();

    /// <summary>
    /// A dateline standing on its own line under a section heading, as European papers print it: "Bruxelles, 28 juillet.",
    /// "Vienne ( Autriche ) , 21 juillet.", "London, 3rd March 1846", "Bern, den 27. Dezember." (English, French, German, Dutch,
    /// Italian and Spanish month names).
    /// </summary>
    [GeneratedRegex(@"^\s*\p{Lu}[\p{L}'’.\- ]{1,40}(?:\(\s*[^()]{1,30}\s*\)\s*)?,\s*(?:le\s+|den\s+|am\s+|the\s+|il\s+|el\s+)?\d{1,2}(?:er|e|st|nd|rd|th|\.)?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|J[äa]nner|Januar|Februar|M[äa]rz|Juni|Juli|Oktober|Dezember|januari|februari|maart|mei|augustus|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|diciembre)(?:\s+\d{4})?\s*[.,]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex LatinDatelineLine();

    /// <summary>English photo and source credits: Photo by …, Photograph: …, Staff photo, (AP Photo/…).</summary>
    [GeneratedRegex(@"^\s*(?:\(?(?:Photo|Photograph|Photos|Illustration|Staff photo|File photo)s?\b\s*(?:by|:|/)?.{0,60}|.{1,40}/\s*(?:Staff|Getty Images|AP|Reuters))\s*\)?\s*$")]
    internal static partial Regex EnglishPhotoCredit();

    /// <summary>A sentence ends inside a Latin line and another begins: "welcomed the plan. Residents".</summary>
    [GeneratedRegex(@"\p{Ll}{3,}\.[""”’)]?\s+[""“(]?\p{Lu}")]
    internal static partial Regex LatinSentenceInside();
}
