using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// The scheduled DSR sweep: reads only the due <c>dsr.*</c> hints (docs/architecture.md), re-reads each request, acts if
/// the obligation is still due, then completes the hint. Safe to run twice or concurrently: every action is
/// keyed (outbox keys, audit once-keys, event ids) or a conditional state change.
/// </summary>
public sealed partial class DsrSweep(
    DueIndex due, DsrStore store, DsrEffects effects, DsrChanges changes, DsrForwardingQueue queue, CustomerDirectory customers,
    DsrMail mail, EmailOutbox outbox, LinkTokens links, IOptions<DsrOptions> options, TimeProvider clock, ILogger<DsrSweep> logger)
{
    private const int MaxPerRun = 500;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var handled = 0;
        foreach (var hint in await due.ReadDueAsync(now, MaxPerRun, kind: "dsr.", cancellationToken: ct))
        {
            try
            {
                await HandleAsync(hint, now, ct);
                handled++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The hint stays; the next run tries again. One bad request must not hold up the others.
                LogFailed(logger, hint.Kind, hint.ItemKey, e.GetType().Name);
            }
        }
        return handled;
    }

    private async Task HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        var stored = await store.FindAsync(hint.ItemKey, ct);
        if (stored is not null)
        {
            stored = await effects.FlushAsync(stored, ct);
            var request = stored.Request;
            switch (hint.Kind)
            {
                case DsrIntake.ForwardingHintKind when request.Status == DsrStatus.Received:
                    await RedriveForwardingAsync(request, now, ct);
                    break;
                case DsrForwarding.ReminderHintKind when request.Lifecycle.IsOpen:
                    await RemindAsync(stored, hint, ct);
                    break;
                case DsrForwarding.OverdueHintKind when request.Lifecycle.IsOpen:
                    await CheckOverdueAsync(request, now, ct);
                    break;
                case DsrChanges.EraseHintKind when !request.Lifecycle.IsOpen && request.SubjectErasedAt is null:
                    if (request.EndedAt + options.Value.SubjectDataRetention > now)
                    {
                        await due.ScheduleAsync(hint with { DueAt = request.EndedAt!.Value + options.Value.SubjectDataRetention }, ct);
                        break;
                    }
                    await EraseSubjectDataAsync(stored, now, ct);
                    break;
            }
        }
        await due.CompleteAsync(hint, ct);
    }

    private async Task RedriveForwardingAsync(DataSubjectRequest request, DateTimeOffset now, CancellationToken ct)
    {
        // The next re-drive is scheduled before this one runs, so the hint chain never breaks.
        await due.ScheduleAsync(new DueItem(DsrIntake.ForwardingHintKind, request.RequestId, now + options.Value.RedriveAfter), ct);
        if (now >= request.ReceivedAt + options.Value.ForwardWithin && request.Lifecycle.Escalation is null)
            await changes.ApplyAsync(request.RequestId, new DsrCommand.Escalate(EscalationReason.ForwardingOverdue), AuditActors.System,
                $"escalated: not forwarded within {options.Value.ForwardWithin}", null, ct);
        await queue.EnqueueAsync(request.RequestId, ct);
    }

    private async Task RemindAsync(StoredDsr stored, DueItem hint, CancellationToken ct)
    {
        var request = stored.Request;
        var customer = (await customers.GetAsync(request.CustomerId, ct))?.Customer;
        if (customer is null || customer.Contacts.Dsr.Count == 0) return;
        var deadline = request.DeadlineIn(customer.TimeZone);
        // A reminder scheduled for a deadline that has since been extended is stale: its successor was scheduled.
        var reminder = deadline.Reminders().FirstOrDefault(r => r.At == hint.DueAt);
        if (reminder == default)
        {
            // The deadline moved (an extension, or the customer changed time zone): make sure its own hints exist.
            await DsrForwarding.ScheduleDeadlineHintsAsync(due, request.RequestId, deadline, ct);
            return;
        }
        var link = DsrForwarding.InstructionLink(links, request, deadline, options.Value, clock.GetUtcNow());
        await mail.RemindCustomerAsync(request, customer, deadline, reminder.DaysBefore, link, ct);
        // The timeline note is best effort (a concurrent change wins); the delivery records are the proof.
        await store.TryReplaceAsync(request.Noted(clock.GetUtcNow(), $"reminder sent {reminder.DaysBefore} days before the deadline"), stored.ETag, ct);
    }

    private async Task CheckOverdueAsync(DataSubjectRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var customer = (await customers.GetAsync(request.CustomerId, ct))?.Customer;
        if (customer is null) return;
        var deadline = request.DeadlineIn(customer.TimeZone);
        if (!deadline.IsOverdueAt(now))
        {
            // The deadline moved (an extension, or the customer changed time zone): watch the new one.
            await DsrForwarding.ScheduleDeadlineHintsAsync(due, request.RequestId, deadline, ct);
            return;
        }
        await changes.ApplyAsync(request.RequestId, new DsrCommand.Escalate(EscalationReason.DeadlineOverdue), AuditActors.System,
            "escalated: the customer's deadline has passed", null, ct);
    }

    /// <summary>
    /// Erases the end-user's email, name, message and any relayed reply from the request and from the emails
    /// that carried them; type, dates, statuses and who was notified when stay for accountability.
    /// </summary>
    private async Task EraseSubjectDataAsync(StoredDsr stored, DateTimeOffset now, CancellationToken ct)
    {
        var request = stored.Request;
        var emailsErased = await outbox.ErasePersonalDataAsync(DsrMail.ReferralKey(request.RequestId), ct)
            & await outbox.ErasePersonalDataAsync(DsrMail.EndUserReplyKey(request.RequestId), ct)
            & await outbox.ErasePersonalDataByPrefixAsync(DsrMail.ForwardKeyPrefix(request.RequestId), ct);
        if (!emailsErased)
            throw new InvalidOperationException("An email carrying the subject's data is still pending; erasure is retried by the next sweep.");
        var erased = request.Noted(now, "subject data erased") with
        {
            Subject = null, Message = null, EndUserReply = null, SubjectErasedAt = now,
            PendingEffects = ["dsr.subject-erased"], PendingActor = AuditActors.System,
        };
        var written = await store.TryReplaceAsync(erased, stored.ETag, ct)
            ?? throw new InvalidOperationException("The request changed during erasure; the next sweep retries.");
        await effects.FlushAsync(written, ct);
        LogErased(logger, request.RequestId);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "DSR sweep could not handle {Kind} for {RequestId}: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string kind, string requestId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "DSR {RequestId}: subject data erased")]
    private static partial void LogErased(ILogger logger, string requestId);
}
