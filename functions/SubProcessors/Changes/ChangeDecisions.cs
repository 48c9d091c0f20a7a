using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.SubProcessors;

/// <summary>The rules of a change's life, as pure deciders: announce, withdraw, become effective, release held customers.</summary>
public static class ChangeDecisions
{
    public static Decision<SubProcessorChange> Announce(SubProcessorChange change, SubProcessorOptions options)
    {
        var checkAt = change.EffectiveAt - options.PreActivationCheck;
        return Decision<SubProcessorChange>.Change(change,
            [new AuditRecord("subprocessor.change-announced", new { action = change.Action.ToWire(), subProcessorId = change.Subject.Id, effectiveAt = change.EffectiveAt })],
            [ChangeEvents.ChangeAnnounced(change, change.AnnouncedAt), new StartNotices(change.ChangeId, NoticeKeys.Announcement)]) with
        {
            Hints =
            [
                new DueItem(SubProcessorDueKinds.PreActivation, change.ChangeId, checkAt > change.AnnouncedAt ? checkAt : change.AnnouncedAt),
                new DueItem(SubProcessorDueKinds.Activate, change.ChangeId, change.EffectiveAt),
            ],
        };
    }

    /// <summary>A change not yet effective may be withdrawn; its recipients are told. The same withdrawal again is a repeat.</summary>
    public static Decision<SubProcessorChange> Withdraw(Stored<SubProcessorChange>? stored, string reason, DateTimeOffset now)
    {
        if (stored is null) return Decision<SubProcessorChange>.NotFound;
        var change = stored.State;
        if (change.Status == ChangeStatus.Withdrawn)
            return change.WithdrawalReason == reason ? Decision<SubProcessorChange>.Unchanged
                : Decision<SubProcessorChange>.Refuse("The change was already withdrawn, with another reason.");
        if (change.Status == ChangeStatus.Effective || now >= change.EffectiveAt)
            return Decision<SubProcessorChange>.Refuse($"The change took effect at {change.EffectiveAt:u}; announce a new change instead.");
        var withdrawn = change with { Status = ChangeStatus.Withdrawn, WithdrawnAt = now, WithdrawalReason = reason };
        return Decision<SubProcessorChange>.Change(withdrawn,
            [new AuditRecord("subprocessor.change-withdrawn", new { withdrawnAt = now })],
            [ChangeEvents.ChangeWithdrawn(withdrawn, now), new StartNotices(change.ChangeId, NoticeKeys.Withdrawal)]);
    }

    /// <summary>
    /// At <c>effectiveAt</c>: the register changes, each affected product learns which of its customers are held, the DPO
    /// gets the list. <paramref name="heldByProduct"/> names, per affected product, the held customers using it.
    /// </summary>
    public static Decision<SubProcessorChange> Activate(Stored<SubProcessorChange>? stored, DateTimeOffset now,
        IReadOnlyList<HeldCustomer> held, IReadOnlyDictionary<string, string[]> heldByProduct, DateTimeOffset? nextRelease)
    {
        if (stored is null || stored.State.Status != ChangeStatus.Upcoming || now < stored.State.EffectiveAt) return Decision<SubProcessorChange>.Unchanged;
        var change = stored.State;
        var effective = change with { Status = ChangeStatus.Effective, EffectiveSince = now, Held = held };
        List<IEffect> effects = [new ApplyToRegister(change.ChangeId)];
        effects.AddRange(heldByProduct.Select(p => ChangeEvents.ChangeEffective(effective, p.Key, p.Value, now)));
        effects.Add(new AlertDpo("subprocessor-change-effective", change.ChangeId,
            $"Sub-processor change {change.ChangeId} is effective: {held.Count} customer(s) held",
            HeldText(effective, held)));
        return Decision<SubProcessorChange>.Change(effective,
            [new AuditRecord("subprocessor.change-effective", new { effectiveSince = now, held = held.Count })], effects) with
        {
            Hints = nextRelease is { } at ? [new DueItem(SubProcessorDueKinds.Release, change.ChangeId, at)] : [],
        };
    }

    /// <summary>Releases held customers (window closed without objection, or objection withdrawn); each product of theirs is told.</summary>
    public static Decision<SubProcessorChange> Release(Stored<SubProcessorChange>? stored, DateTimeOffset now,
        IReadOnlyList<(string CustomerId, string[] Products, string Because)> released, IReadOnlyList<HeldCustomer> stillHeld)
    {
        if (stored is null || stored.State.Status != ChangeStatus.Effective) return Decision<SubProcessorChange>.Unchanged;
        var change = stored.State;
        if (released.Count == 0 && stillHeld.SequenceEqual(change.HeldCustomers)) return Decision<SubProcessorChange>.Unchanged;
        var next = change with { Held = stillHeld };
        var effects = released.SelectMany(r => r.Products.Select(p => (IEffect)ChangeEvents.Released(next, r.CustomerId, p, now, r.Because))).ToList();
        return Decision<SubProcessorChange>.Change(next,
            [new AuditRecord("subprocessor.customers-released", new { released = released.Select(r => r.CustomerId).ToArray(), because = released.Select(r => r.Because).Distinct().ToArray(), stillHeld = stillHeld.Count })],
            effects);
    }

    private static string HeldText(SubProcessorChange change, IReadOnlyList<HeldCustomer> held)
    {
        var lines = held.Select(h => h.Reason == HeldCustomer.Window
            ? $"- {h.CustomerId}: objection window open{(h.WindowEndsAt is { } end ? $" until {end:u}" : " (its notice is not delivered yet)")}"
            : $"- {h.CustomerId}: objection not resolved, accommodated or ending in termination");
        return $"Change {change.ChangeId} ({change.Action.ToWire()} {change.Subject.Id}) took effect at {change.EffectiveSince:u}. " +
               "The register is updated and the products are told to keep the data of these customers away from the sub-processor:\n\n" +
               (held.Count == 0 ? "(none)" : string.Join("\n", lines)) +
               "\n\nHeld customers are released when their window closes without objection or their objection is withdrawn.";
    }
}
