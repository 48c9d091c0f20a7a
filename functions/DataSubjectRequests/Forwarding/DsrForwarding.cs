using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.DataSubjectRequests.Due;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// Refers the end-user to the customer and forwards the request to the customer's DSR contacts (GDPR
/// Art. 28(3)(e); SCC cl. 8). Every step is keyed, so a redelivered message or a re-drive by the sweep sends
/// nothing twice: one referral, one forward per contact (sent as an effect of the <c>forwarded</c> state). The
/// deadline's next milestone (<see cref="DeadlineMilestones"/>) is written before the request becomes <c>forwarded</c>.
/// The queue message covers its changes: until this returns the message comes back, and the next run finishes any
/// effects a crash left, so these changes need no effects check. A message that keeps failing goes to the poison
/// queue, whose handler hands the request to the sweep's re-drive.
/// </summary>
public sealed partial class DsrForwarding(
    DsrStore store, DsrChanges changes, DsrCustomerCopies copies, DsrMail mail, DsrForwardingQueue queue,
    DueIndex due, IOptions<DsrOptions> options, TimeProvider clock, ILogger<DsrForwarding> logger)
{
    /// <summary>
    /// How long after its intake queued it a message whose request is not stored yet is kept: the intake stores the
    /// request right after queuing the message, so past this the intake failed (and told the product so).
    /// </summary>
    public static readonly TimeSpan StoringGrace = TimeSpan.FromMinutes(5);

    /// <summary>How soon a message that came before its request was stored first looks again (then after as long as it has waited).</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(15);

    /// <param name="queuedAt">When the intake queued the message (null: unknown, e.g. a re-drive or a bare id).</param>
    public async Task ForwardAsync(string requestId, CancellationToken ct, DateTimeOffset? queuedAt = null)
    {
        var stored = await store.FindAsync(requestId, ct);
        if (stored is null)
        {
            var waited = clock.GetUtcNow() - queuedAt;
            if (waited < StoringGrace)
            {
                // The message can overtake the transaction its intake runs right after queuing it: look again shortly,
                // each time waiting as long as it has waited so far (a handful of looks until the grace has passed).
                await queue.EnqueueAsync(requestId, queuedAt!.Value, ct, waited > RecheckAfter ? waited : RecheckAfter);
                LogNotStoredYet(logger, requestId);
                return;
            }
            LogUnknown(logger, requestId);
            return;
        }
        // The intake left its dsr.received event to this message (and a crash may have left more): performed first.
        stored = await changes.RecoverAsync(stored, ct);
        var request = stored.Request;
        if (request.Status != DsrStatus.Received)
            return; // already forwarded, or cancelled before it was

        var customer = await copies.OfAsync(request, ct) ?? throw new InvalidOperationException("The request's customer no longer exists.");
        if (request.Subject is not null)
            await mail.ReferEndUserAsync(request, customer, ct);

        if (customer.Contacts.Dsr.Count == 0)
        {
            // Cannot be forwarded: the DPO is alerted (once) and the sweep keeps trying until a DSR contact exists. The
            // re-drive hint is written the first time; after that the re-drive keeps it going (and escalates past
            // Dsr:ForwardWithin).
            if (request.Lifecycle.Escalation is null)
                await due.ScheduleAsync(DsrForwardingRedrive.HintFor(requestId, clock.GetUtcNow() + options.Value.RedriveAfter), ct);
            await changes.ApplyAsync(requestId, new DsrCommand.Escalate(EscalationReason.NoDsrContact), AuditActors.System,
                "escalated: the customer has no DSR contact", null, ct, stored, coveredByMessage: true);
            LogNoContact(logger, requestId);
            return;
        }

        // The forward emails are an effect of the forwarded state (DsrFacts), not a step before it: once the
        // request is forwarded a product can no longer cancel it, and a cancel that came first stops the forward.
        var deadline = request.DeadlineIn(customer.TimeZone);
        await DeadlineMilestones.WatchAsync(due, requestId, deadline, clock.GetUtcNow(), ct);
        var forwardedTo = customer.Contacts.Dsr.Count;
        var change = await changes.ApplyAsync(requestId, new DsrCommand.Forward(), AuditActors.System,
            $"forwarded to {forwardedTo} DSR contact(s)", r => r with { ForwardedToCount = forwardedTo }, ct, stored, coveredByMessage: true);
        LogForwarded(logger, requestId, forwardedTo, change.Outcome);

        // A request that reached us after its deadline had passed is escalated now, not at the next sweep.
        if (change.Request is { Lifecycle.IsOpen: true } forwarded && deadline.IsOverdueAt(clock.GetUtcNow())
            && forwarded.Lifecycle.Escalation != EscalationReason.DeadlineOverdue)
            await changes.ApplyAsync(requestId, new DsrCommand.Escalate(EscalationReason.DeadlineOverdue), AuditActors.System,
                "escalated: the customer's deadline had already passed when the request arrived", null, ct, coveredByMessage: true);
    }

    /// <summary>
    /// The customer's signed instruction link, valid <c>Dsr:InstructionLinkGrace</c> past the deadline and at least
    /// <see cref="MinimumLinkLife"/> (or the grace, if longer) from <paramref name="sentAt"/>: a request that arrives
    /// late, or a reminder sent near the end, still carries a link that opens.
    /// </summary>
    public static Uri InstructionLink(LinkTokens links, DataSubjectRequest request, DeadlineDue deadline, DsrOptions options, DateTimeOffset sentAt)
    {
        var fromDeadline = deadline.DueAt + options.InstructionLinkGrace;
        var fromSending = sentAt + (options.InstructionLinkGrace > MinimumLinkLife ? options.InstructionLinkGrace : MinimumLinkLife);
        return links.LinkUrl($"api/dsr/{request.RequestId}/instruction",
            links.Issue(LinkPurposes.DsrInstruction, request.CustomerId, request.RequestId, fromDeadline > fromSending ? fromDeadline : fromSending));
    }

    /// <summary>The shortest life an instruction link has from the moment its email is composed.</summary>
    public static readonly TimeSpan MinimumLinkLife = TimeSpan.FromDays(30);

    [LoggerMessage(Level = LogLevel.Information, Message = "DSR forwarding message for {RequestId} came before the request was stored: looking again shortly")]
    private static partial void LogNotStoredYet(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DSR forwarding message for unknown request {RequestId} dropped")]
    private static partial void LogUnknown(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DSR {RequestId} cannot be forwarded: the customer has no DSR contact")]
    private static partial void LogNoContact(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "DSR {RequestId} forwarded to {Count} contact(s): {Outcome}")]
    private static partial void LogForwarded(ILogger logger, string requestId, int count, DsrChangeOutcome outcome);
}
