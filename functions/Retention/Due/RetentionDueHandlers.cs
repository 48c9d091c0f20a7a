using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Events;

namespace PrivacyFunctions.Retention;

/// <summary>A reminder to choose, while no choice is made (14 and 3 days before the deadline).</summary>
public sealed class ChoiceReminder(RetentionStore store, RetentionMail mail) : IDueHandler
{
    public string Kind => RetentionDueKinds.ChoiceReminder;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await store.DispositionAsync(hint.ItemKey, ct) is not { State.Status: DispositionStatus.AwaitingChoice } stored) return DueOutcome.NothingDue;
        var daysLeft = (int)Math.Ceiling((stored.State.ChoiceDeadline - hint.DueAt).TotalDays);
        await mail.SendAsync(stored.State, $"reminder-{daysLeft}", null, ct);
        return DueOutcome.Done;
    }
}

/// <summary>
/// What both due handlers that send the commands do: read the disposition in the status they act on, the customer's
/// active holds (their categories are kept out of the commands), and apply the decision that sends the commands.
/// </summary>
public abstract class SendsCommands(AggregateChanges changes, DispositionKind kind, RetentionStore store, IOptions<RetentionOptions> options) : IDueHandler
{
    public abstract string Kind { get; }

    /// <summary>The status the disposition must still be in: otherwise nothing is due any more.</summary>
    protected abstract DispositionStatus ActsOn { get; }

    protected abstract Decision<Disposition> Decide(Stored<Disposition>? current, DateTimeOffset at, IReadOnlyList<LegalHold> holds, RetentionOptions options);

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await store.DispositionAsync(hint.ItemKey, ct) is not { } stored || stored.State.Status != ActsOn) return DueOutcome.NothingDue;
        var holds = (await store.HoldsOfAsync(stored.State.CustomerId, ct)).Where(h => h.Status == HoldStatus.Active).ToArray();
        var result = await changes.ApplyAsync(kind, stored.AggregateId, AuditActors.System, (current, at) => Decide(current, at, holds, options.Value), ct, stored);
        return result.Outcome == ChangeOutcome.Changed ? DueOutcome.Done : DueOutcome.NothingDue;
    }
}

/// <summary>The choice deadline: with no choice, the DPA's default applies (recorded as the default) and the commands go out.</summary>
public sealed class ChoiceDeadline(AggregateChanges changes, DispositionKind kind, RetentionStore store, IOptions<RetentionOptions> options)
    : SendsCommands(changes, kind, store, options)
{
    public override string Kind => RetentionDueKinds.ChoiceDeadline;
    protected override DispositionStatus ActsOn => DispositionStatus.AwaitingChoice;

    protected override Decision<Disposition> Decide(Stored<Disposition>? current, DateTimeOffset at, IReadOnlyList<LegalHold> holds, RetentionOptions options) =>
        DispositionDecisions.ApplyDefault(current, options.DefaultDisposition, at, holds, options.ConfirmWithin);
}

/// <summary>The disposition date: with a choice made, each product gets its command.</summary>
public sealed class DisposeAtEnd(AggregateChanges changes, DispositionKind kind, RetentionStore store, IOptions<RetentionOptions> options)
    : SendsCommands(changes, kind, store, options)
{
    public override string Kind => RetentionDueKinds.Dispose;
    protected override DispositionStatus ActsOn => DispositionStatus.Chosen;

    protected override Decision<Disposition> Decide(Stored<Disposition>? current, DateTimeOffset at, IReadOnlyList<LegalHold> holds, RetentionOptions options) =>
        DispositionDecisions.Command(current, at, holds, options.ConfirmWithin);
}

/// <summary>
/// <c>Retention:ConfirmWithin</c> after a command: each product that has not confirmed gets the command again (a new event id,
/// <c>….reminder-{n}</c>) and the DPO office is alerted; checked again after the same time until every product confirmed.
/// </summary>
public sealed class ConfirmCheck(RetentionStore store, IIntegrationEventPublisher events, DpoAlerts alerts, IOptions<RetentionOptions> options) : IDueHandler
{
    public string Kind => RetentionDueKinds.ConfirmCheck;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await store.DispositionAsync(hint.ItemKey, ct) is not { } stored) return DueOutcome.NothingDue;
        var d = stored.State;
        var waiting = d.Commands.Where(c => c.Confirmation is null).ToArray();
        if (waiting.Length == 0) return DueOutcome.NothingDue;
        var late = waiting.Where(c => now - c.SentAt >= options.Value.ConfirmWithin).ToArray();
        foreach (var command in late)
        {
            var reminder = (int)((now - command.SentAt).Ticks / options.Value.ConfirmWithin.Ticks);
            await events.PublishAsync(RetentionEvents.Command(d, command, now, reminder).Event, ct);
        }
        if (late.Length > 0)
            await alerts.RaiseAsync("retention-unconfirmed", $"{d.DispositionId}.{now:yyyyMMdd}", $"Disposition {d.DispositionId}: {late.Length} product(s) have not confirmed",
                $"These products were asked to {(d.Choice?.Kind == "return" ? "return" : "purge")} the data of customer {d.CustomerId} (disposition {d.DispositionId}) and have not confirmed after " +
                $"{options.Value.ConfirmWithin.TotalDays:0.#} days; the command was sent again:\n\n{string.Join("\n", late.Select(c => $"- {c.ProductId} (round {c.Round}, sent {c.SentAt:u})"))}", ct);
        return DueOutcome.Again(now + options.Value.ConfirmWithin, late.Length > 0);
    }
}

/// <summary>A hold's end date: it expires and its categories get their follow-up purges.</summary>
public sealed class HoldExpiry(RetentionActions actions) : IDueHandler
{
    public string Kind => RetentionDueKinds.HoldExpiry;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct) =>
        (await actions.EndHoldAsync(hint.ItemKey, HoldStatus.Expired, null, AuditActors.System, ct)).Outcome == RetentionOutcome.Changed ? DueOutcome.Done : DueOutcome.NothingDue;
}

/// <summary>A hold without an end date: the DPO office reviews it every <c>Retention:HoldReviewEvery</c> (holds exist only for our own legal duties).</summary>
public sealed class HoldReview(RetentionStore store, DpoAlerts alerts, IOptions<RetentionOptions> options) : IDueHandler
{
    public string Kind => RetentionDueKinds.HoldReview;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await store.HoldAsync(hint.ItemKey, ct) is not { State: { Status: HoldStatus.Active } hold }) return DueOutcome.NothingDue;
        await alerts.RaiseAsync("retention-hold-review", $"{hold.HoldId}.{now:yyyyMMdd}", $"Review legal hold {hold.HoldId} ({hold.Basis}) of customer {hold.CustomerId}",
            $"Legal hold {hold.HoldId} keeps {string.Join(", ", hold.Categories)} of customer {hold.CustomerId} under basis {hold.Basis} ({hold.Reference}) without an end date. " +
            $"Confirm that the legal duty still requires it, or release it: POST /api/customers/{hold.CustomerId}/legal-holds/{hold.HoldId}/release.", ct);
        return DueOutcome.Again(now + options.Value.HoldReviewEvery);
    }
}

/// <summary>The retention sweep: the one due sweep run over the <c>retention</c> family.</summary>
public sealed class RetentionSweepFunction(DueSweep sweep)
{
    [Function("RetentionSweep")]
    public Task Sweep([TimerTrigger("%Retention:SweepSchedule%")] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(RetentionDueKinds.Family, ct);
}
