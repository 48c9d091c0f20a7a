using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.SubProcessors;

/// <summary>At <c>effectiveAt</c>: the change becomes effective (register, events per product naming held customers, DPO list).</summary>
public sealed class ChangeActivation(AggregateChanges changes, ChangeKind kind, AggregatesOfSubProcessors aggregates, HeldCustomers held, NoticeFanOut fanOut) : IDueHandler
{
    public string Kind => SubProcessorDueKinds.Activate;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await aggregates.StoredChangeAsync(hint.ItemKey, ct) is not { State.Status: ChangeStatus.Upcoming } stored)
            return DueOutcome.NothingDue;
        var change = stored.State;
        if (now < change.EffectiveAt) return DueOutcome.Again(change.EffectiveAt, acted: false);

        var assessment = await AssessAfterLateNoticesAsync(held, fanOut, change, now, ct);
        var heldIds = assessment.Held.Select(h => h.CustomerId).ToHashSet(StringComparer.Ordinal);
        var heldByProduct = held.ProductsOf(change).ToDictionary(p => p, p => assessment.Affected
            .Where(c => heldIds.Contains(c.CustomerId) && c.Products.Contains(p)).Select(c => c.CustomerId).Order(StringComparer.Ordinal).ToArray());
        var result = await changes.ApplyAsync(kind, change.ChangeId, AuditActors.System, (current, at) =>
            ChangeDecisions.Activate(current, at, assessment.Held, heldByProduct, HeldCustomers.NextRelease(assessment.Held, at)), ct, stored);
        return result.Outcome switch
        {
            ChangeOutcome.Changed => DueOutcome.Done,
            ChangeOutcome.Unchanged => DueOutcome.NothingDue,
            _ => throw new InvalidOperationException($"Change {change.ChangeId} could not become effective ({result.Outcome})."),
        };
    }

    /// <summary>
    /// The held assessment once every affected customer has had the announcement: a customer the fan-out missed gets it
    /// now (<see cref="NoticeFanOut.AnnounceToLateCustomersAsync"/>) and is assessed with the window that starts.
    /// </summary>
    public static async Task<HeldCustomers.Assessment> AssessAfterLateNoticesAsync(HeldCustomers held, NoticeFanOut fanOut, SubProcessorChange change,
        DateTimeOffset at, CancellationToken ct)
    {
        var assessment = await held.AssessAsync(change, at, ct);
        return await fanOut.AnnounceToLateCustomersAsync(change, assessment, ct) > 0 ? await held.AssessAsync(change, at, ct) : assessment;
    }
}

/// <summary>
/// After activation: releases each held customer whose window closed without objection or whose objection was withdrawn
/// (event <c>subprocessor.customer-released</c> per product), and keeps the hint on the next window's end.
/// </summary>
public sealed class HeldCustomerRelease(AggregateChanges changes, ChangeKind kind, AggregatesOfSubProcessors aggregates, HeldCustomers held) : IDueHandler
{
    public string Kind => SubProcessorDueKinds.Release;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await aggregates.StoredChangeAsync(hint.ItemKey, ct) is not { State.Status: ChangeStatus.Effective } stored || stored.State.HeldCustomers.Count == 0)
            return DueOutcome.NothingDue;
        var (released, stillHeld) = await ReassessAsync(held, stored.State, now, ct);
        await changes.ApplyAsync(kind, stored.AggregateId, AuditActors.System, (current, at) => ChangeDecisions.Release(current, at, released, stillHeld), ct, stored);
        return HeldCustomers.NextRelease(stillHeld, now) is { } next ? DueOutcome.Again(next, released.Count > 0) : DueOutcome.Done;
    }

    /// <summary>The customers held until now that are released now (and why), and those still held.</summary>
    public static async Task<(IReadOnlyList<(string CustomerId, string[] Products, string Because)> Released, IReadOnlyList<HeldCustomer> StillHeld)> ReassessAsync(
        HeldCustomers held, SubProcessorChange change, DateTimeOffset now, CancellationToken ct)
    {
        var assessment = await held.AssessAsync(change, now, ct);
        var nowHeld = assessment.Held.ToDictionary(h => h.CustomerId, StringComparer.Ordinal);
        var customers = assessment.Affected.ToDictionary(c => c.CustomerId, StringComparer.Ordinal);
        var released = new List<(string, string[], string)>();
        var stillHeld = new List<HeldCustomer>();
        foreach (var before in change.HeldCustomers)
        {
            if (nowHeld.TryGetValue(before.CustomerId, out var current)) stillHeld.Add(current);
            else released.Add((before.CustomerId,
                customers.TryGetValue(before.CustomerId, out var customer) ? held.ProductsOf(change, customer).ToArray() : [],
                before.Reason == HeldCustomer.ObjectionReason ? "objection-withdrawn" : "window-closed"));
        }
        return (released, stillHeld);
    }
}

/// <summary>
/// <c>SubProcessors:PreActivationCheck</c> before <c>effectiveAt</c>: tells the DPO office which customers' windows will
/// still be open when the change applies (a late or failed notice) — they will be held at activation.
/// </summary>
public sealed class PreActivationCheck(AggregatesOfSubProcessors aggregates, HeldCustomers held, NoticeFanOut fanOut, DpoAlerts alerts) : IDueHandler
{
    public string Kind => SubProcessorDueKinds.PreActivation;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await aggregates.StoredChangeAsync(hint.ItemKey, ct) is not { State.Status: ChangeStatus.Upcoming } stored)
            return DueOutcome.NothingDue;
        var change = stored.State;
        var assessment = await ChangeActivation.AssessAfterLateNoticesAsync(held, fanOut, change, change.EffectiveAt, ct);
        var late = assessment.Held.Where(h => h.Reason == HeldCustomer.Window).ToArray();
        if (late.Length == 0) return DueOutcome.NothingDue;
        var lines = late.Select(h => h.WindowEndsAt is { } end ? $"- {h.CustomerId}: window ends {end:u}" : $"- {h.CustomerId}: notice not delivered yet");
        await alerts.RaiseAsync("subprocessor-windows-open", change.ChangeId,
            $"Sub-processor change {change.ChangeId}: {late.Length} customer window(s) still open at {change.EffectiveAt:u}",
            $"Change {change.ChangeId} takes effect at {change.EffectiveAt:u}, but the objection window of these customers will still be open then " +
            "(SCC 2021/915 cl. 7.7: they must be able to object before the sub-processor is engaged). They will be held at activation " +
            $"until their window closes:\n\n{string.Join("\n", lines)}\n\nSee GET /api/subprocessors/changes/{change.ChangeId}/deliveries.", ct);
        return DueOutcome.Done;
    }
}

/// <summary>The sub-processor sweep: the one due sweep (<see cref="DueSweep"/>) run over the <c>subprocessor</c> family.</summary>
public sealed class SubProcessorSweep(DueSweep sweep)
{
    public async Task<int> RunAsync(CancellationToken ct) => (await sweep.RunAsync(SubProcessorDueKinds.Family, ct)).Handled;
}
