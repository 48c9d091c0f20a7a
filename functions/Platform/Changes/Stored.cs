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
