using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.SubProcessors;

/// <summary>Reads a change by id (its pending effects finished first), for the capability's endpoints and pages.</summary>
public sealed class AggregatesOfSubProcessors(AggregateChanges changes, ChangeKind kind)
{
    public async Task<SubProcessorChange?> ChangeAsync(string changeId, CancellationToken ct) =>
        (await StoredChangeAsync(changeId, ct))?.State;

    /// <summary>The stored change (with its ETag, for a change that follows), or null for an invalid or unknown id.</summary>
    public async Task<Stored<SubProcessorChange>?> StoredChangeAsync(string changeId, CancellationToken ct) =>
        kind.IsValidId(changeId) ? await changes.FindFlushedAsync(kind, changeId, ct) : null;
}
