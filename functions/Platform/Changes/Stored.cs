using Azure;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>
/// An aggregate as read: its state, the ETag every write is conditional on, its version (one per change), when it
/// last changed, and the effects of its last change that are not yet confirmed performed.
/// </summary>
public sealed record Stored<TState>(
    string AggregateId,
    TState State,
    ETag ETag,
    long Version,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PendingEffect> PendingEffects,
    string? PendingActor,
    long AuditSequence,
    string AuditHash);

/// <summary>
/// Why pending effects are being flushed, which decides whether replayable ones (events) are performed again:
/// <see cref="Reading"/> leaves them listed (nothing is replaced: the next change performs them again within
/// <c>AggregateChanges.ReplayWindow</c> before its transaction replaces them), <see cref="Recovering"/> performs them
/// (the change's effects check or hint: the path that finishes what a crash left).
/// </summary>
public enum FlushFor { Reading, Recovering }
