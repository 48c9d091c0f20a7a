using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.SubProcessors;

/// <summary>Release a customer held by a change whose objection was withdrawn (the change's release rules decide).</summary>
public sealed record ReleaseAfterObjection(string ChangeId, string CustomerId) : IEffect
{
    public string OnceKey => "subprocessor.release-after-objection";
}

/// <summary>
/// An objection resolved <c>terminated</c>: the customer's contract ends, so its end-of-contract disposition starts
/// (the retention capability handles it: choice of deletion or return, commands, certificate).
/// </summary>
public sealed record ContractTerminatedByObjection(string CustomerId, string ObjectionId) : IEffect
{
    public string OnceKey => "subprocessor.contract-terminated";
}

/// <summary>The rules of an objection: received once per customer and change, resolved once.</summary>
public static class ObjectionDecisions
{
    public static Decision<Objection> Receive(Objection objection, bool alertDpo)
    {
        List<IEffect> effects = [ChangeEvents.ObjectionReceivedOf(objection, objection.RecordedAt)];
        if (alertDpo)
            effects.Add(new AlertDpo("subprocessor-objection", objection.ObjectionId,
                $"Objection to sub-processor change {objection.ChangeId} from customer {objection.CustomerId}",
                $"Customer {objection.CustomerId} objected to change {objection.ChangeId} at {objection.ReceivedAt:u} through its objection link. " +
                $"Their reasons:\n\n{objection.Summary}\n\nSeek a reasonable solution and record the outcome: " +
                $"POST /api/subprocessors/objections/{objection.ObjectionId}/resolution (withdrawn, accommodated or terminated)."));
        return Decision<Objection>.Change(objection,
            [new AuditRecord("subprocessor.objection-received", new { objection.ChangeId, objection.CustomerId, objection.Channel, objection.ReceivedAt })],
            effects);
    }

    /// <summary>Same objection again (same time and text) is a repeat; anything else for the same customer and change is a conflict.</summary>
    public static bool IsRepeat(Objection existing, Objection attempt) =>
        existing.Summary == attempt.Summary && existing.Channel == attempt.Channel
        && (attempt.Channel == Objection.LinkChannel || existing.ReceivedAt == attempt.ReceivedAt);

    public static Decision<Objection> Resolve(Stored<Objection>? stored, ObjectionStatus outcome, string? note, DateTimeOffset now)
    {
        if (stored is null) return Decision<Objection>.NotFound;
        var objection = stored.State;
        if (objection.Status != ObjectionStatus.Open)
            return objection.Status == outcome && objection.ResolutionNote == note ? Decision<Objection>.Unchanged
                : Decision<Objection>.Refuse($"The objection was already resolved as '{objection.Status.ToWire()}'.");
        var resolved = objection with { Status = outcome, ResolvedAt = now, ResolutionNote = note };
        List<IEffect> effects = [ChangeEvents.ObjectionResolvedOf(resolved, now)];
        if (outcome == ObjectionStatus.Withdrawn) effects.Add(new ReleaseAfterObjection(objection.ChangeId, objection.CustomerId));
        if (outcome == ObjectionStatus.Terminated) effects.Add(new ContractTerminatedByObjection(objection.CustomerId, objection.ObjectionId));
        return Decision<Objection>.Change(resolved,
            [new AuditRecord("subprocessor.objection-resolved", new { outcome = outcome.ToWire(), resolvedAt = now })], effects);
    }
}
