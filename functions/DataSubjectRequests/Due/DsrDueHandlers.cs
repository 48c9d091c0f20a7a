using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.DataSubjectRequests.Due;

/// <summary>
/// Re-drives forwarding of a request still <c>received</c> every <c>Dsr:RedriveAfter</c>, and escalates it once
/// <c>Dsr:ForwardWithin</c> has passed ("promptly", Art. 12(3), SCC cl. 8). Its hint is written only when forwarding
/// needs it: a customer without a DSR contact, or a forwarding message that went to the poison queue.
/// </summary>
public sealed class DsrForwardingRedrive(DsrStore store, DsrChanges changes, DsrForwardingQueue queue, IOptions<DsrOptions> options)
    : DsrDueHandler(store, changes)
{
    public override string Kind => DsrDueKinds.Forwarding;

    public static DueItem HintFor(string requestId, DateTimeOffset at) => new(DsrDueKinds.Forwarding, requestId, at);

    protected override async Task<DueOutcome> HandleAsync(StoredDsr stored, DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        var request = stored.Request;
        if (request.Status != DsrStatus.Received) return DueOutcome.NothingDue;
        if (now >= request.ReceivedAt + options.Value.ForwardWithin && request.Lifecycle.Escalation is null)
            Require(await Changes.ApplyAsync(request.RequestId, new DsrCommand.Escalate(EscalationReason.ForwardingOverdue), AuditActors.System,
                $"escalated: not forwarded within {options.Value.ForwardWithin}", null, ct, stored));
        await queue.EnqueueAsync(request.RequestId, now, ct);
        return DueOutcome.Again(now + options.Value.RedriveAfter);
    }
}

/// <summary>
/// The deadline chain (<see cref="DeadlineMilestones"/>): reminds the customer, escalates an overdue request; a request
/// that ends before its deadline keeps the chain's hint, which then erases its subject data when that is due
/// (<see cref="DsrChanges"/> writes no separate erasure hint for it).
/// </summary>
public sealed class DsrDeadlineWatch(
    DsrStore store, DsrChanges changes, DsrCustomerCopies customers, DsrMail mail, LinkTokens links, SubjectErasure erasure,
    IOptions<DsrOptions> options, TimeProvider clock) : DsrDueHandler(store, changes)
{
    public override string Kind => DsrDueKinds.Deadline;

    protected override async Task<DueOutcome> HandleAsync(StoredDsr stored, DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        var request = stored.Request;
        if (!request.Lifecycle.IsOpen) return await erasure.EraseWhenDueAsync(stored, now, ct);
        var customer = await customers.OfAsync(request, ct);
        if (customer is null) return DueOutcome.NothingDue;
        // The deadline as it is now: an extension or a change of the customer's time zone may have moved it since the
        // hint was written, so the milestone is taken from the current deadline, never from the hint.
        var deadline = request.DeadlineIn(customer.TimeZone);
        var current = DeadlineMilestones.Current(deadline, now);
        if (current is { IsOverdueCheck: true })
        {
            Require(await Changes.ApplyAsync(request.RequestId, new DsrCommand.Escalate(EscalationReason.DeadlineOverdue), AuditActors.System,
                "escalated: the customer's deadline has passed", null, ct, stored));
            return DueOutcome.Done;
        }
        if (current is not null && customer.Contacts.Dsr.Count > 0)
        {
            var link = DsrForwarding.InstructionLink(links, request, deadline, options.Value, clock.GetUtcNow());
            await mail.RemindCustomerAsync(request, customer, deadline, current.DaysBefore, link, ct);
            // The timeline note is best effort (a concurrent change wins); the delivery records are the proof.
            await Changes.TryNoteAsync(stored, request.Noted(clock.GetUtcNow(), $"reminder sent {current.DaysBefore} days before the deadline"), ct);
        }
        return DueOutcome.Again(DeadlineMilestones.Next(deadline, now).At, acted: current is not null);
    }
}

/// <summary>
/// The erasure hint of a request the deadline chain does not watch (it ended after its deadline, or was never forwarded):
/// <see cref="SubjectErasure"/> at <c>Dsr:SubjectDataRetention</c> after it ended.
/// </summary>
public sealed class DsrSubjectErasure(DsrStore store, DsrChanges changes, SubjectErasure erasure) : DsrDueHandler(store, changes)
{
    public override string Kind => DsrDueKinds.EraseSubject;

    protected override Task<DueOutcome> HandleAsync(StoredDsr stored, DueItem hint, DateTimeOffset now, CancellationToken ct) =>
        erasure.EraseWhenDueAsync(stored, now, ct);
}

/// <summary>
/// Erases the end-user's email, name, message and any relayed reply from the request and from the emails that
/// carried them, <c>Dsr:SubjectDataRetention</c> after the request ended; type, dates, statuses and who was notified
/// when stay for accountability (Art. 5(1)(c), (e)). Run by the deadline chain's hint, or by an erasure hint.
/// </summary>
public sealed partial class SubjectErasure(DsrChanges changes, EmailOutbox outbox, IOptions<DsrOptions> options, ILogger<SubjectErasure> logger)
{
    public async Task<DueOutcome> EraseWhenDueAsync(StoredDsr stored, DateTimeOffset now, CancellationToken ct)
    {
        var request = stored.Request;
        if (request.Lifecycle.IsOpen || request.SubjectErasedAt is not null) return DueOutcome.NothingDue;
        var eraseAt = request.EndedAt!.Value + options.Value.SubjectDataRetention;
        if (eraseAt > now) return DueOutcome.Again(eraseAt, acted: false);

        // The request's emails in one range read; of those, the ones that carried the end-user's data.
        var emailsErased = await outbox.ErasePersonalDataByPrefixAsync(DsrMail.KeyPrefix(request.RequestId), ct,
            key => DsrMail.CarriesSubjectData(request.RequestId, key));
        if (!emailsErased)
            return DueOutcome.Again(now + options.Value.RedriveAfter, acted: false); // an email carrying the data is still pending: not a failure
        if (!await changes.EraseSubjectDataAsync(stored, ct))
            throw new InvalidOperationException("The request changed during erasure; the sweep retries.");
        LogErased(logger, request.RequestId);
        return DueOutcome.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DSR {RequestId}: subject data erased")]
    private static partial void LogErased(ILogger logger, string requestId);
}
