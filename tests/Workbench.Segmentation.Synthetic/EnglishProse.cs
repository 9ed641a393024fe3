using System.Globalization;

namespace Workbench.Segmentation.Synthetic;

/// <summary>English newspaper prose from templates (word lists written for this generator; towns and people are made up).</summary>
public sealed class EnglishProse(Random random) : Prose(random)
{
    private static readonly string[] Towns =
    [
        "Northfield", "Port Allen", "Millbrook", "Cedar Falls", "Ashton", "Lakeview", "Riverton", "Glenwood", "Harbor City", "Westbury",
        "Oakdale", "Fairmont", "Brookside", "Elm Grove", "Stonebridge", "Maple Ridge", "Clearwater", "Pine Hollow", "Redfield", "Kingsport",
    ];

    private static readonly string[] Bodies =
    [
        "city council", "county board", "school board", "water authority", "transit agency", "hospital board", "chamber of commerce",
        "planning commission", "parks department", "library trustees", "fire district", "housing authority", "port commission",
    ];

    private static readonly string[] Subjects =
    [
        "budget", "bridge repairs", "bus routes", "school lunches", "flood defenses", "a new library", "road safety", "park upgrades",
        "housing plan", "water rates", "harbor dredging", "wind farm", "farmers market", "downtown parking", "river cleanup", "clinic hours",
    ];

    private static readonly string[] Verbs = ["Approves", "Rejects", "Delays", "Backs", "Weighs", "Debates", "Expands", "Cuts", "Funds", "Reviews"];

    private static readonly string[] FirstNames = ["Anna", "James", "Maria", "Robert", "Linda", "David", "Susan", "Thomas", "Karen", "Daniel", "Helen", "Peter", "Grace", "Samuel", "Ruth", "Frank", "Alice", "Henry", "Clara", "Walter"];

    private static readonly string[] LastNames = ["Miller", "Johnson", "Carter", "Brooks", "Hughes", "Foster", "Palmer", "Griffin", "Warren", "Bennett", "Porter", "Hayes", "Fletcher", "Dawson", "Lowell", "Sutton", "Marsh", "Whitaker", "Crane", "Holloway"];

    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Kickers = ["LOCAL NEWS", "IN BRIEF", "ELECTION 2024", "COMMUNITY", "BUSINESS", "WEATHER WATCH", "SCHOOLS", "HEALTH", "ON THE WATERFRONT"];

    private static readonly string[] Sections = ["LOCAL", "NEWS", "REGION", "BUSINESS", "COMMUNITY", "METRO"];

    private static readonly string[] SubheadWords = ["Costs rise", "What comes next", "A long wait", "Neighbors divided", "Money on the table", "Back to the drawing board", "Early results", "A second vote"];

    public override bool Cjk => false;

    private string Name() => $"{Pick(FirstNames)} {Pick(LastNames)}";

    private string Num(int min, int max) => N(min, max).ToString(CultureInfo.InvariantCulture);

    private static string TitleCase(string text) =>
        string.Join(' ', text.Split(' ').Select(w => w.Length > 3 || w is "new" or "bus" ? char.ToUpperInvariant(w[0]) + w[1..] : w));

    public override string Headline(bool big)
    {
        var text = Random.Next(4) switch
        {
            0 => $"{Pick(Towns)} {TitleCase(Pick(Bodies))} {Pick(Verbs)} {TitleCase(Pick(Subjects))}",
            1 => $"{TitleCase(Pick(Bodies))} {Pick(Verbs)} Plan for {TitleCase(Pick(Subjects))}",
            2 => $"{Pick(Towns)} residents {Pick(Verbs).ToLowerInvariant()} {Pick(Subjects)}",
            _ => $"Vote on {Pick(Subjects)} set for {Pick(Weekdays)}",
        };
        return big && Random.Next(2) == 0 ? text + $" as {Pick(Subjects)} costs climb" : text;
    }

    public override string Kicker() => Pick(Kickers);

    public override string Deck() => Random.Next(2) == 0
        ? $"Plan would add {Num(5, 60)} jobs and extend {Pick(Subjects)} to {Pick(Towns)} by spring"
        : $"Residents of {Pick(Towns)} ask the {Pick(Bodies)} for more time";

    public override string Byline() => Random.Next(3) switch
    {
        0 => $"By {Name()}",
        1 => $"By {Name()} and {Name()}",
        _ => $"{Name().ToUpperInvariant()} Staff Writer",
    };

    public override IReadOnlyList<string> Paragraph(bool first, bool dateline = false)
    {
        var sentences = new List<string>();
        if (first && (dateline || Random.Next(2) == 0))
        {
            sentences.Add($"{Pick(Towns).ToUpperInvariant()} — {Sentence()}");
        }

        var count = N(2, 4);
        while (sentences.Count < count)
        {
            sentences.Add(Sentence());
        }

        return sentences;
    }

    private string Sentence() => Random.Next(12) switch
    {
        0 => $"The {Pick(Bodies)} voted {Num(4, 9)} to {Num(0, 3)} on {Pick(Weekdays)} to spend ${Num(2, 90)}.{Num(1, 9)} million on {Pick(Subjects)}.",
        1 => $"Officials in {Pick(Towns)} said the work on {Pick(Subjects)} would begin in {Pick(Months)} and take about {Num(3, 18)} months.",
        2 => $"\"We have waited long enough for {Pick(Subjects)},\" said {Name()}, who has lived in {Pick(Towns)} for {Num(5, 60)} years.",
        3 => $"About {Num(20, 400)} people attended the meeting, many of them asking about {Pick(Subjects)} and {Pick(Subjects)}.",
        4 => $"The plan, first proposed in {Pick(Months)}, drew criticism from the {Pick(Bodies)} of neighboring {Pick(Towns)}.",
        5 => $"According to figures released by the {Pick(Bodies)}, spending on {Pick(Subjects)} rose {Num(3, 40)} percent last year.",
        6 => $"{Name()}, a member of the {Pick(Bodies)}, said the vote on {Pick(Subjects)} could come as early as {Pick(Weekdays)}.",
        7 => $"Supporters say {Pick(Subjects)} will bring visitors back to {Pick(Towns)}, while opponents worry about traffic and noise.",
        8 => $"A public hearing on {Pick(Subjects)} is scheduled for {Num(6, 8)} p.m. {Pick(Weekdays)} at the {Pick(Towns)} town hall.",
        9 => $"The {Pick(Bodies)} expects to hire {Num(3, 50)} workers and to finish {Pick(Subjects)} before winter.",
        10 => $"Residents who want to comment may write to the {Pick(Bodies)} until {Pick(Months)} {Num(1, 28)}.",
        _ => $"Last year the same proposal failed by {Num(1, 3)} votes after a long debate over {Pick(Subjects)}.",
    };

    public override string Subhead() => Pick(SubheadWords);

    public override string Caption() => Random.Next(2) == 0
        ? $"{Name()}, {Num(8, 80)}, looks over plans for {Pick(Subjects)} in {Pick(Towns)} on {Pick(Weekdays)}."
        : $"Workers begin {Pick(Subjects)} near the {Pick(Towns)} waterfront.";

    public override string Credit() => Random.Next(2) == 0 ? $"Photo by {Name()}" : $"{Name().ToUpperInvariant()}/The Courier";

    public override string BriefTitle() => $"{Pick(Towns)} {Pick(Verbs).ToLowerInvariant()} {Pick(Subjects)}";

    public override string ContinuedOn() => $"Continued on page A{N(2, 9)}";

    public override (string Paper, string Date, string Page, string Section) Header(int pageNumber) =>
        ("The Northfield Courier", $"{Pick(Weekdays)}, {Pick(Months)} {N(1, 28)}, 2024", $"Page A{pageNumber}", Pick(Sections));

    public override string Footer() => $"Page editor: {Name()}  Copy desk: {Name()}";
}
