using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>Finishes the effects a crash left pending on one kind of aggregate (<see cref="AggregateEffectsRecovery{TState}"/>).</summary>
public interface IAggregateRecovery
{
    string AggregateType { get; }
    string EffectsDueKind { get; }
    bool IsValidId(string aggregateId);
    string LogId(string aggregateId);

    /// <returns>True when the aggregate had effects pending (now performed).</returns>
    Task<bool> RecoverAsync(string aggregateId, CancellationToken cancellationToken);
}

/// <summary>
/// "A crash is finished by the next touch or by its check": when a change's effects check comes
/// (<see cref="EffectsChecks"/>) — or, if the check kept failing, its <c>{family}.effects</c> hint falls due — and the
/// aggregate still has pending effects, performs them (replayable ones again too) and clears them. Registered for
/// every aggregate kind by <c>AddAggregate</c>.
/// </summary>
public sealed class AggregateEffectsRecovery<TState>(AggregateChanges changes, AggregateKind<TState> kind) : IDueHandler, IAggregateRecovery
{
    public string Kind => kind.EffectsDueKind;
    public string AggregateType => kind.AggregateType;
    public string EffectsDueKind => kind.EffectsDueKind;
    public bool IsValidId(string aggregateId) => kind.IsValidId(aggregateId);
    public string LogId(string aggregateId) => kind.LogId(aggregateId);

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken) =>
        kind.IsValidId(hint.ItemKey) && await RecoverAsync(hint.ItemKey, cancellationToken) ? DueOutcome.Done : DueOutcome.NothingDue;

    public async Task<bool> RecoverAsync(string aggregateId, CancellationToken cancellationToken)
    {
        var stored = await changes.FindAsync(kind, aggregateId, cancellationToken);
        if (stored is null || stored.PendingEffects.Count == 0) return false;
        await changes.FlushAsync(kind, stored, cancellationToken, FlushFor.Recovering);
        return true;
    }
}
