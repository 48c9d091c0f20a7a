using Azure.Data.Tables;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Platform.Changes;

public enum DecisionOutcome { Changed, Unchanged, Refused, NotFound }

/// <summary>One entry for the aggregate's audit chain: what happened (<see cref="Action"/>) and ids, states and counts.</summary>
public sealed record AuditRecord(string Action, object? Data);

/// <summary>
/// What a decider made of a command: the new state with its audit entries and effects, no change (already applied:
/// answer as the first time), a refusal with the reason, or "not found". <see cref="Hints"/> are due-index hints that
/// must exist before the new state does (they are written first); <see cref="Rows"/> are further rows of the
/// aggregate's partition inserted in the same transaction, e.g. a natural-key claim.
/// </summary>
public sealed record Decision<TState>(
    DecisionOutcome Outcome,
    TState? State,
    IReadOnlyList<AuditRecord> Audit,
    IReadOnlyList<IEffect> Effects,
    string? Error = null)
{
    public IReadOnlyList<DueItem> Hints { get; init; } = [];

    /// <summary>
    /// False when something else already brings the aggregate back soon and finishes its pending effects — e.g. the
    /// change runs from a queue message that comes back until it is handled, or the intake's forwarding message —
    /// so the kit's own effects check (<see cref="EffectsCheckQueue"/>) would be a second write for the same recovery.
    /// </summary>
    public bool NeedsEffectsCheck { get; init; } = true;

    /// <summary>
    /// True when the change's effects are left pending for the queue message that covers it to perform (with
    /// <see cref="NeedsEffectsCheck"/> false): the writer answers sooner, and the message performs them before it acts
    /// (e.g. the DSR intake's <c>dsr.received</c>, published by the request's forwarding). Only for replayable effects.
    /// </summary>
    public bool LeavesEffectsToCover { get; init; }
    public IReadOnlyList<ITableEntity> Rows { get; init; } = [];

    public static Decision<TState> Change(TState state, IReadOnlyList<AuditRecord> audit, IReadOnlyList<IEffect>? effects = null) =>
        new(DecisionOutcome.Changed, state, audit, effects ?? []);

    public static Decision<TState> Unchanged { get; } = new(DecisionOutcome.Unchanged, default, [], []);
    public static Decision<TState> NotFound { get; } = new(DecisionOutcome.NotFound, default, [], []);
    public static Decision<TState> Refuse(string reason) => new(DecisionOutcome.Refused, default, [], [], reason);
}
