using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.SubProcessors;

/// <summary>Re-assesses the change's held customers now that an objection was withdrawn (no-op when the change is not effective).</summary>
public sealed class ReleaseAfterObjectionHandler(AggregateChanges changes, ChangeKind kind, HeldCustomers held) : IEffectHandler<ReleaseAfterObjection>
{
    public async Task PerformAsync(ReleaseAfterObjection effect, EffectContext context, CancellationToken ct)
    {
        if (await changes.FindFlushedAsync(kind, effect.ChangeId, ct) is not { State.Status: ChangeStatus.Effective } stored
            || stored.State.HeldCustomers.All(h => h.CustomerId != effect.CustomerId))
            return;
        var (released, stillHeld) = await HeldCustomerRelease.ReassessAsync(held, stored.State, context.At, ct);
        await changes.ApplyAsync(kind, effect.ChangeId, AuditActors.System, (current, at) => ChangeDecisions.Release(current, at, released, stillHeld), ct, stored);
    }
}
