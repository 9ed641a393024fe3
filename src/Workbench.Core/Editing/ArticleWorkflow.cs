namespace Workbench.Core.Editing;

/// <summary>
/// The review workflow's status transitions, the one table of them: draft → in progress → submitted → approved, or
/// submitted → changes requested → in progress / submitted; an approved article is reopened to in progress.
/// Who may make which transition (roles, comments, self-approval) is the server's policy, not Core's.
/// </summary>
public static class ArticleWorkflow
{
    /// <summary>Whether <paramref name="from"/> → <paramref name="to"/> is a transition of the workflow.</summary>
    public static bool IsTransition(ArticleStatus from, ArticleStatus to) => (from, to) switch
    {
        (ArticleStatus.Draft or ArticleStatus.ChangesRequested or ArticleStatus.Submitted, ArticleStatus.InProgress) => true,
        (ArticleStatus.Draft or ArticleStatus.InProgress or ArticleStatus.ChangesRequested, ArticleStatus.Submitted) => true,
        (ArticleStatus.Submitted, ArticleStatus.Approved or ArticleStatus.ChangesRequested) => true,
        (ArticleStatus.Approved, ArticleStatus.InProgress) => true,
        _ => false,
    };

    /// <summary>Every transition, for clients that show what can be done next.</summary>
    public static IEnumerable<(ArticleStatus From, ArticleStatus To)> Transitions =>
        from f in Enum.GetValues<ArticleStatus>()
        from t in Enum.GetValues<ArticleStatus>()
        where IsTransition(f, t)
        select (f, t);
}

/// <summary>
/// Size caps of operations, enforced by <see cref="PageEditor.Apply"/> with a refusal that names the field; they match
/// the columns that store the values (an article title is at most 500 characters everywhere in the app).
/// </summary>
public static class EditLimits
{
    public const int MaxTitle = 500;
    public const int MaxLineText = 10_000;
    public const int MaxLabel = 50;
    public const int MaxAssigneeId = 450;

    /// <summary>Steps of one operation, nested batches counted by their steps ("tag all" on a large page fits).</summary>
    public const int MaxSteps = 5_000;

    /// <summary>How many steps <paramref name="operation"/> holds (1 for anything but a batch).</summary>
    public static int StepsOf(PageOperation? operation)
    {
        if (operation is not Batch batch)
        {
            return 1;
        }

        var count = 0;
        foreach (var step in batch.Operations ?? [])
        {
            count += StepsOf(step);
            if (count > MaxSteps)
            {
                break;
            }
        }

        return count;
    }
}
