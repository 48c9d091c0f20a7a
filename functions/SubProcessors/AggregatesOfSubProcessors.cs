using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.SubProcessors;

/// <summary>Reads a change by id (its pending effects finished first), for the capability's endpoints and pages.</summary>
public sealed class AggregatesOfSubProcessors(AggregateChanges changes, ChangeKind kind)
{
    public async Task<SubProcessorChange?> ChangeAsync(string changeId, CancellationToken ct) =>
        kind.IsValidId(changeId) && await changes.FindFlushedAsync(kind, changeId, ct) is { } stored ? stored.State : null;
}
