using System.Collections.Concurrent;
using System.Collections.Immutable;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>
/// The rules the editor's browser code needs before it asks the server (which buttons to offer, what to mark
/// doubtful, which roles a block may take), sent once with the page state so no JavaScript mirrors them by hand.
/// The server still checks every operation; these only decide what the UI offers.
/// </summary>
/// <param name="Doubtful">An article whose opening boundary has a confidence below this is marked doubtful.</param>
/// <param name="Roles">Every block role, in the order the role menu lists them.</param>
/// <param name="Transitions">The status changes the user's role may make, each with whether it needs a comment.</param>
public sealed record EditorRules(double Doubtful, IReadOnlyList<string> Roles, IReadOnlyList<EditorRules.Transition> Transitions)
{
    /// <summary>Below this confidence a boundary is doubtful (the segmenter's confidences are calibrated: 0.7 is right 70% of the time).</summary>
    public const double DoubtfulBelow = 0.7;

    /// <summary>A status change offered as a button: <paramref name="Action"/> names it for the UI's strings.</summary>
    public sealed record Transition(string Action, ArticleStatus From, ArticleStatus To, bool NeedsComment);

    private static readonly ConcurrentDictionary<ProjectRole, EditorRules> ByRole = new();

    private static readonly string[] ActionOrder = ["start", "submit", "approve", "requestChanges", "withdraw", "reopen"];

    public static EditorRules For(ProjectRole role) => ByRole.GetOrAdd(role, r => new EditorRules(
        DoubtfulBelow,
        [.. Enum.GetValues<BlockRole>().Select(b => b.Name())],
        TransitionsFor(r)));

    /// <summary>
    /// The workflow's transitions (Core's <see cref="ArticleWorkflow"/>) that <see cref="OperationPolicy"/> lets the role
    /// make (with a comment, and no self-review rule in the way), and whether it refuses them without a comment: the
    /// buttons follow the table and the policy wherever they live.
    /// </summary>
    private static List<Transition> TransitionsFor(ProjectRole role)
    {
        var empty = new PageState(0, ImmutableSortedDictionary<int, LineState>.Empty, [], [], 1, 1);
        var found = new List<Transition>();
        foreach (var (from, to) in ArticleWorkflow.Transitions)
        {
            var change = new SetStatus(1, from, to);
            if (OperationPolicy.Check(role, change, empty, 0, Context("…")) is null)
            {
                var needsComment = OperationPolicy.Check(role, change, empty, 0, Context(null)) is not null;
                found.Add(new Transition(ActionOf(from, to), from, to, needsComment));
            }
        }

        return [.. found.OrderBy(t => Array.IndexOf(ActionOrder, t.Action))];
    }

    // The common case of each change: the article was edited by someone, and a submission is taken back by its submitter. Where
    // the article's own history asks for a comment (approving untouched machine output, sending back someone else's submission)
    // the server's refusal says so (needsComment) and the browser asks then.
    private static ReviewContext Context(string? comment) => new("", AllowSelfReview: true, comment, _ => "an editor", Submitter: _ => "");

    private static string ActionOf(ArticleStatus from, ArticleStatus to) => to switch
    {
        ArticleStatus.Submitted => "submit",
        ArticleStatus.Approved => "approve",
        ArticleStatus.ChangesRequested => "requestChanges",
        _ when from == ArticleStatus.Approved => "reopen",
        _ when from == ArticleStatus.Submitted => "withdraw",
        _ => "start",
    };
}
