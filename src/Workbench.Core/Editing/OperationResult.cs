using System.Collections.Immutable;

namespace Workbench.Core.Editing;

/// <summary>What <see cref="PageEditor.Apply"/> did: either <see cref="Applied"/> or <see cref="Rejected"/>.</summary>
public abstract record OperationResult
{
    private OperationResult()
    {
    }

    /// <summary>
    /// The operation took effect. Applying <paramref name="Inverse"/> to <paramref name="NewState"/> gives back the
    /// previous state (apart from Version and the Next* counters; a status change's inverse is the change back, which
    /// the workflow may not allow). <paramref name="Notes"/> tell the user about side effects; <paramref name="Changes"/>
    /// say what changed.
    /// </summary>
    public sealed record Applied(PageState NewState, PageOperation Inverse, ImmutableList<string> Notes, PageChanges Changes) : OperationResult;

    /// <summary>
    /// Nothing changed. <paramref name="Reason"/> is a user-facing sentence; <paramref name="CurrentValue"/> the value the
    /// precondition found when the operation expected another one (someone changed it first), else null.
    /// <paramref name="Invalid"/> when the operation itself is malformed or over a size cap (not a question of the page's state).
    /// </summary>
    public sealed record Rejected(string Reason, string? CurrentValue = null, bool Invalid = false) : OperationResult;
}
