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
    /// previous state (apart from Version and the Next* counters). <paramref name="Notes"/> tell the user about side effects.
    /// </summary>
    public sealed record Applied(PageState NewState, PageOperation Inverse, ImmutableList<string> Notes) : OperationResult;

    /// <summary>Nothing changed. <paramref name="Reason"/> is a user-facing sentence; <paramref name="CurrentValue"/> the value the precondition found.</summary>
    public sealed record Rejected(string Reason, string? CurrentValue = null) : OperationResult;
}
