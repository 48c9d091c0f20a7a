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
/// <see cref="Reading"/> never (nothing is replaced), <see cref="Changing"/> within <c>AggregateChanges.ReplayWindow</c>
/// of the change that left them (the new transaction replaces them), <see cref="Recovering"/> always (the change's
/// effects hint or the message that covers it: the path that finishes what a crash left).
/// </summary>
public enum FlushFor { Reading, Changing, Recovering }
