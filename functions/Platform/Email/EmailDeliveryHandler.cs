using System.Globalization;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// Handles the delivery queue (at-least-once): one message = one delivery key. A message for a delivery that is
/// already Sent or Failed does nothing, so the same message delivered twice sends once. Before sending, the
/// handler claims the record (ETag-conditional, for <c>Email:SendTimeout</c>), so two workers holding messages
/// for the same key do not both send. A transient failure is recorded and rethrown for the host to retry; a
/// permanent one (and, via the poison queue, the last transient one) marks the delivery Failed and alerts the DPO.
/// </summary>
public sealed class EmailDeliveryHandler(
    EmailDeliveryStore store,
    IEmailTransport transport,
    DueIndex due,
    DpoAlerts alerts,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    ILogger<EmailDeliveryHandler> logger)
{
    public async Task DeliverAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!EmailOutbox.IsValidKey(idempotencyKey))
        {
            EmailLog.MalformedKey(logger);
            return;
        }
        if (await store.GetAsync(idempotencyKey, cancellationToken) is not var (delivery, etag))
        {
            EmailLog.UnknownKey(logger, idempotencyKey);
            return;
        }
        if (delivery.Status != EmailDeliveryStatus.Pending)
        {
            EmailLog.NothingToDo(logger, idempotencyKey, delivery.Status);
            if (delivery.Status == EmailDeliveryStatus.Sent)
                await CompleteHintAsync(delivery, cancellationToken);
            return;
        }
        var now = clock.GetUtcNow();
        if (delivery.ClaimedUntil is { } claimedUntil && claimedUntil > now)
        {
            EmailLog.Claimed(logger, idempotencyKey, claimedUntil);
            return; // the claimant finishes it, or its own message is retried; the redrive hint covers the rest
        }

        delivery.Attempts++;
        delivery.ClaimedUntil = now + options.Value.SendTimeout;
        if (await store.TryUpdateAsync(delivery, etag, cancellationToken) is not { } claimed)
        {
            EmailLog.Claimed(logger, idempotencyKey, delivery.ClaimedUntil.Value);
            return; // another worker claimed it between our read and our write
        }

        string transportMessageId;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.SendTimeout);
            transportMessageId = await transport.SendAsync(ToOutgoing(delivery), idempotencyKey, timeout.Token);
        }
        catch (EmailTransportException e) when (e.Permanent)
        {
            delivery.LastError = e.Message;
            await FailAsync(delivery, claimed, $"permanent failure on attempt {delivery.Attempts}: {e.Message}", cancellationToken);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: release the claim so the redelivered message can send at once.
            delivery.ClaimedUntil = null;
            await store.TryUpdateAsync(delivery, claimed, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            var error = Describe(e);
            EmailLog.SendFailed(logger, idempotencyKey, delivery.Attempts, error);
            delivery.LastError = error;
            delivery.ClaimedUntil = null;
            await store.TryUpdateAsync(delivery, claimed, CancellationToken.None);
            // Rethrow without the original exception: its text might echo an address.
            throw new EmailTransportException($"Email {idempotencyKey} was not sent: {error}", permanent: false);
        }

        await RecordSentAsync(delivery, claimed, transportMessageId, cancellationToken);
        await CompleteHintAsync(delivery, cancellationToken);
        EmailLog.Sent(logger, idempotencyKey, transport.Name, transportMessageId, delivery.Attempts, delivery.AggregateType, delivery.AggregateId, delivery.NoticeKind);
    }

    /// <summary>
    /// A message the host gave up on (moved to <c>email-deliveries-poison</c> after <c>maxDequeueCount</c> failures).
    /// Younger than <c>Email:GiveUpAfter</c>: left Pending for the sweep to re-drive. Older: the delivery is marked Failed — kept, with the reason — and the DPO mailbox is alerted. A failed alert is
    /// only logged at Critical, so an unreachable DPO mailbox does not make alerts about alerts.
    /// </summary>
    public async Task HandlePoisonAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!EmailOutbox.IsValidKey(idempotencyKey) || await store.GetAsync(idempotencyKey, cancellationToken) is not var (delivery, etag))
        {
            EmailLog.PoisonUnknown(logger, EmailOutbox.IsValidKey(idempotencyKey) ? idempotencyKey : "(malformed)");
            return;
        }
        if (delivery.Status != EmailDeliveryStatus.Pending)
        {
            EmailLog.PoisonAlreadySettled(logger, idempotencyKey, delivery.Status);
            return;
        }
        if (clock.GetUtcNow() - delivery.EnqueuedAt < options.Value.GiveUpAfter)
        {
            // Only transient failures reach the poison queue (permanent ones fail at once): an outage outlasted the
            // queue's retries. The delivery stays Pending and its redrive hint stays, so the sweep keeps trying
            // until Email:GiveUpAfter — a short outage must not turn into notices that are never sent.
            EmailLog.PoisonDeferred(logger, idempotencyKey, delivery.Attempts);
            // docs/architecture.md: a poison message raises a DPO alert (once per delivery; never about an alert).
            if (!delivery.IsDpoAlert)
                await alerts.RaiseAsync(EmailNames.DelayedDeliveryAlertKind, delivery.IdempotencyKey,
                    $"Email delivery delayed: {delivery.NoticeKind} for {delivery.AggregateType} {delivery.AggregateId}",
                    DelayedAlertBody(delivery), cancellationToken);
            return;
        }
        var reason = $"poison after {delivery.Attempts} attempt{(delivery.Attempts == 1 ? "" : "s")}"
            + (delivery.LastError is null ? "" : $"; last error: {delivery.LastError}");
        await FailAsync(delivery, etag, reason, cancellationToken);
    }

    private async Task FailAsync(EmailDelivery delivery, ETag etag, string reason, CancellationToken cancellationToken)
    {
        // Alert first: if we die after the alert and before the record update, the retried poison message raises
        // the same (idempotent) alert again; the other order could lose the alert.
        if (delivery.IsDpoAlert)
            EmailLog.AlertFailed(logger, delivery.IdempotencyKey, delivery.NoticeKind, delivery.AggregateId, reason);
        else
        {
            EmailLog.Failed(logger, delivery.IdempotencyKey, delivery.AggregateType, delivery.AggregateId, delivery.NoticeKind, reason);
            await alerts.RaiseAsync(EmailNames.FailedDeliveryAlertKind, delivery.IdempotencyKey,
                $"Email delivery failed: {delivery.NoticeKind} for {delivery.AggregateType} {delivery.AggregateId}",
                FailureAlertBody(delivery, reason), cancellationToken);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            delivery.Status = EmailDeliveryStatus.Failed;
            delivery.FailedAt = clock.GetUtcNow();
            delivery.FailureReason = reason;
            delivery.ClaimedUntil = null;
            if (await store.TryUpdateAsync(delivery, etag, cancellationToken) is not null)
                break;
            if (await store.GetAsync(delivery.IdempotencyKey, cancellationToken) is not var (current, currentETag) || current.Status != EmailDeliveryStatus.Pending)
                break; // settled by someone else meanwhile
            (delivery, etag) = (current, currentETag);
        }
        await CompleteHintAsync(delivery, cancellationToken);
    }

    private async Task RecordSentAsync(EmailDelivery delivery, ETag etag, string transportMessageId, CancellationToken cancellationToken)
    {
        var sentAt = clock.GetUtcNow();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            delivery.Status = EmailDeliveryStatus.Sent;
            delivery.SentAt = sentAt;
            delivery.Transport = transport.Name;
            delivery.TransportMessageId = transportMessageId;
            delivery.ClaimedUntil = null;
            delivery.LastError = null;
            if (await store.TryUpdateAsync(delivery, etag, CancellationToken.None) is not null)
                return;
            // Our claim ran out and someone touched the record: the email did go out, so Sent is the truth.
            EmailLog.RecordChangedWhileSending(logger, delivery.IdempotencyKey);
            if (await store.GetAsync(delivery.IdempotencyKey, CancellationToken.None) is not var (current, currentETag) || current.Status == EmailDeliveryStatus.Sent)
                return;
            current.Attempts = Math.Max(current.Attempts, delivery.Attempts);
            (delivery, etag) = (current, currentETag);
        }
        throw new InvalidOperationException($"Email {delivery.IdempotencyKey} was sent but could not be recorded as Sent.");
    }

    private Task CompleteHintAsync(EmailDelivery delivery, CancellationToken cancellationToken) =>
        due.CompleteAsync(new DueItem(EmailNames.RedriveDueKind, delivery.IdempotencyKey, delivery.RedriveAt), cancellationToken);

    private OutgoingEmail ToOutgoing(EmailDelivery d) => new(
        options.Value.Sender, d.To, d.Subject, d.TextBody, d.HtmlBody,
        d.UnsubscribeUrl is null ? null : new Uri(d.UnsubscribeUrl));

    private EmailBody DelayedAlertBody(EmailDelivery d) => new EmailBodyBuilder()
        .Paragraph($"An email failed {d.Attempts} times in a row and is still being retried by the redrive sweep, until {(d.EnqueuedAt + options.Value.GiveUpAfter).ToString("u", CultureInfo.InvariantCulture)}. Check the email transport; you will get another alert if it is given up.")
        .Fields(
            ("Notice", d.NoticeKind),
            ("Concerning", $"{d.AggregateType} {d.AggregateId}"),
            ("Delivery key", d.IdempotencyKey),
            ("Last error", d.LastError ?? "unknown"))
        .Build();

    private static EmailBody FailureAlertBody(EmailDelivery d, string reason) => new EmailBodyBuilder()
        .Paragraph("An email could not be delivered. The recipient has not been notified; please act on it.")
        .Fields(
            ("Notice", d.NoticeKind),
            ("Concerning", $"{d.AggregateType} {d.AggregateId}"),
            ("Recipient (SHA-256)", d.RecipientHash ?? EmailDelivery.HashRecipient(d.ToAddress)), // the alert outlives the address's erasure
            ("Delivery key", d.IdempotencyKey),
            ("Queued at", d.EnqueuedAt.ToString("u", CultureInfo.InvariantCulture)),
            ("Reason", reason))
        .Paragraph("The delivery is kept in the EmailDeliveries table with status Failed, including its content.")
        .Build();

    internal static string Describe(Exception e) => e switch
    {
        EmailTransportException t => t.Message,
        OperationCanceledException => "timed out",
        _ => e.GetType().Name,
    };
}
