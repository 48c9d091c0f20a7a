using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>
/// The sweep's side of "a crash is finished by the next touch or by the sweep": when a change's
/// <c>{family}.effects</c> hint falls due and the aggregate still has pending effects, performs and clears them.
/// Registered for every aggregate kind by <c>AddAggregate</c>.
/// </summary>
public sealed class AggregateEffectsRecovery<TState>(AggregateChanges changes, AggregateKind<TState> kind) : IDueHandler
{
    public string Kind => kind.EffectsDueKind;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!kind.IsValidId(hint.ItemKey)) return DueOutcome.NothingDue;
        var stored = await changes.FindAsync(kind, hint.ItemKey, cancellationToken);
        if (stored is null || stored.PendingEffects.Count == 0) return DueOutcome.NothingDue;
        await changes.FlushAsync(kind, stored, cancellationToken, FlushFor.Recovering);
        return DueOutcome.Done;
    }
}
