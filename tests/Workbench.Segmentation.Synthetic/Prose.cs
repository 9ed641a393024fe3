namespace Workbench.Segmentation.Synthetic;

/// <summary>
/// Newspaper prose made from templates and word lists written for this generator (no outside text, so no licence
/// question): headlines, kickers, decks, bylines, body sentences, subheads, captions, credits and page furniture.
/// Meaningless as news but shaped like it: sentence lengths, punctuation, dates, numbers, quotes and names.
/// </summary>
public abstract class Prose(Random random)
{
    protected Random Random { get; } = random;

    public abstract bool Cjk { get; }

    public abstract string Headline(bool big);

    public abstract string Kicker();

    public abstract string Deck();

    public abstract string Byline();

    /// <summary>The sentences of one paragraph; the first paragraph of an article may open with a dateline (always with <paramref name="dateline"/>).</summary>
    public abstract IReadOnlyList<string> Paragraph(bool first, bool dateline = false);

    public abstract string Subhead();

    public abstract string Caption();

    public abstract string Credit();

    public abstract string BriefTitle();

    /// <summary>A jump line closing an article continued elsewhere in the paper.</summary>
    public abstract string ContinuedOn();

    /// <summary>Masthead, date, page and section: the header band's pieces.</summary>
    public abstract (string Paper, string Date, string Page, string Section) Header(int pageNumber);

    /// <summary>The page's editing credits printed at its foot.</summary>
    public abstract string Footer();

    protected T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    protected int N(int min, int max) => Random.Next(min, max + 1);

    public static Prose For(string language, Random random) => language switch
    {
        "zh" => new ChineseProse(random),
        "latin" => new EnglishProse(random),
        _ => throw new ArgumentException($"unknown language '{language}' (zh or latin)", nameof(language)),
    };
}
