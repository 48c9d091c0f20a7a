using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.SubProcessors;

namespace PrivacyFunctions.Retention;

/// <summary>
/// A sub-processor objection resolved <c>terminated</c> (SCC 2021/915 cl. 7.7: the customer may terminate): the whole
/// contract ends at the resolution, and its disposition starts like any termination (idempotent on customer and end).
/// </summary>
public sealed class TerminationByObjectionHandler(RetentionActions actions) : IEffectHandler<ContractTerminatedByObjection>
{
    public async Task PerformAsync(ContractTerminatedByObjection effect, EffectContext context, CancellationToken ct)
    {
        var result = await actions.TerminateAsync(effect.CustomerId, context.At, null, "subprocessor-objection:" + effect.ObjectionId, AuditActors.System, ct);
        if (result.Outcome is RetentionOutcome.Busy) throw new InvalidOperationException($"The termination of customer {effect.CustomerId} could not be recorded yet; retried.");
    }
}
