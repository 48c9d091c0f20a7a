using System.Globalization;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// Handles the delivery queue (at-least-once): one message = one email (<see cref="QueuedEmail"/>). The first attempt
/// inserts the delivery record already claimed (<c>Email:SendTimeout</c>), sends, and records Sent — two storage
/// requests. A message for a delivery that is already Sent or Failed does nothing, so the same message delivered twice
/// sends once; a record another worker has claimed is left to it. A transient failure is recorded and rethrown for the
/// host to retry; a permanent one marks the delivery Failed and alerts the DPO. A message that outlasts the host's
/// retries comes back through the poison queue (<see cref="HandlePoisonAsync"/>).
/// </summary>
public sealed class EmailDeliveryHandler(
    EmailDeliveryStore store,
    IEmailTransport transport,
    IEmailDeliveryQueue queue,
    DpoAlerts alerts,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    ILogger<EmailDeliveryHandler> logger)
{
    /// <summary>How long after a claim runs out a message that found the delivery claimed comes back.</summary>
    private static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(30);

    public Task DeliverAsync(string message, CancellationToken cancellationToken)
    {
        if (QueuedEmail.Parse(message) is { } queued)
            return DeliverAsync(queued, cancellationToken);
        EmailLog.MalformedKey(logger);
        return Task.CompletedTask;
    }

    public async Task DeliverAsync(QueuedEmail queued, CancellationToken cancellationToken)
    {
        var idempotencyKey = queued.Key;
        var now = clock.GetUtcNow();
        EmailDelivery delivery;
        ETag claimed;
        if (queued.Content is not null && await ClaimNewAsync(queued, now, cancellationToken) is var (fresh, freshETag))
            (delivery, claimed) = (fresh, freshETag);
        else
        {
            if (await store.GetAsync(idempotencyKey, cancellationToken) is not var (existing, etag))
            {
                EmailLog.UnknownKey(logger, idempotencyKey);
                return;
            }
            if (existing.Status != EmailDeliveryStatus.Pending)
            {
                EmailLog.NothingToDo(logger, idempotencyKey, existing.Status);
                return;
            }
            if (existing.ClaimedUntil is { } claimedUntil && claimedUntil > now)
            {
                // The claimant finishes it — or dies: the message comes back after the claim, so the email is never dropped.
                EmailLog.Claimed(logger, idempotencyKey, claimedUntil);
                await queue.EnqueueAsync(queued.ToMessage(), claimedUntil - now + ClaimMargin, cancellationToken);
                return;
            }
            existing.Attempts++;
            existing.ClaimedUntil = now + options.Value.SendTimeout;
            if (await store.TryUpdateAsync(existing, etag, cancellationToken) is not { } claimedETag)
            {
                // Another worker claimed it between our read and our write: the message comes back after that claim.
                EmailLog.Claimed(logger, idempotencyKey, existing.ClaimedUntil.Value);
                await queue.EnqueueAsync(queued.ToMessage(), options.Value.SendTimeout + ClaimMargin, cancellationToken);
                return;
            }
            (delivery, claimed) = (existing, claimedETag);
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
        EmailLog.Sent(logger, idempotencyKey, transport.Name, transportMessageId, delivery.Attempts, delivery.AggregateType, delivery.AggregateId, delivery.NoticeKind);
    }

    /// <summary>The first attempt: the record is inserted already claimed. Null when a record exists (a retry or a duplicate).</summary>
    private async Task<(EmailDelivery, ETag)?> ClaimNewAsync(QueuedEmail queued, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var delivery = queued.ToDelivery();
        delivery.Attempts = 1;
        delivery.ClaimedUntil = now + options.Value.SendTimeout;
        return await store.TryInsertAsync(delivery, cancellationToken) is { } etag ? (delivery, etag) : null;
    }

    /// <summary>
    /// A message the host gave up on (moved to <c>email-deliveries-poison</c> after <c>maxDequeueCount</c> failures).
    /// Younger than <c>Email:GiveUpAfter</c>: the DPO is told the delivery is delayed (once) and the message is put back
    /// on the delivery queue, invisible for <c>Email:RedriveAfter</c> — a short outage must not turn into notices that
    /// are never sent. Older: the delivery is recorded Failed — kept, with the reason — and the DPO mailbox is alerted.
    /// A failed alert is only logged at Critical, so an unreachable DPO mailbox does not make alerts about alerts.
    /// </summary>
    public async Task HandlePoisonAsync(string message, CancellationToken cancellationToken)
    {
        if (QueuedEmail.Parse(message) is not { } queued)
        {
            EmailLog.PoisonUnknown(logger, "(malformed)");
            return;
        }
        var stored = await store.GetAsync(queued.Key, cancellationToken);
        if (stored is null && queued.Content is null)
        {
            EmailLog.PoisonUnknown(logger, queued.Key);
            return;
        }
        var (delivery, etag) = stored ?? (queued.ToDelivery(), default);
        if (delivery.Status != EmailDeliveryStatus.Pending)
        {
            EmailLog.PoisonAlreadySettled(logger, queued.Key, delivery.Status);
            return;
        }
        if (clock.GetUtcNow() - delivery.EnqueuedAt < options.Value.GiveUpAfter)
        {
            // Only transient failures reach the poison queue (permanent ones fail at once): an outage outlasted the
            // queue's retries. docs/architecture.md: a poison message raises a DPO alert (once per delivery; never about an alert).
            EmailLog.PoisonDeferred(logger, queued.Key, delivery.Attempts);
            if (!delivery.IsDpoAlert)
                await alerts.RaiseAsync(EmailNames.DelayedDeliveryAlertKind, delivery.IdempotencyKey,
                    $"Email delivery delayed: {delivery.NoticeKind} for {delivery.AggregateType} {delivery.AggregateId}",
                    DelayedAlertBody(delivery), cancellationToken);
            await queue.EnqueueAsync(message, options.Value.RedriveAfter, cancellationToken);
            return;
        }
        var reason = $"poison after {delivery.Attempts} attempt{(delivery.Attempts == 1 ? "" : "s")}"
            + (delivery.LastError is null ? "" : $"; last error: {delivery.LastError}");
        await FailAsync(delivery, stored is null ? null : etag, reason, cancellationToken);
    }

    /// <param name="etag">The record's ETag; null when there is no record yet (it is inserted Failed).</param>
    private async Task FailAsync(EmailDelivery delivery, ETag? etag, string reason, CancellationToken cancellationToken)
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
            var written = etag is { } known
                ? await store.TryUpdateAsync(delivery, known, cancellationToken)
                : await store.TryInsertAsync(delivery, cancellationToken);
            if (written is not null)
                break;
            if (await store.GetAsync(delivery.IdempotencyKey, cancellationToken) is not var (current, currentETag) || current.Status != EmailDeliveryStatus.Pending)
                break; // settled by someone else meanwhile
            (delivery, etag) = (current, currentETag);
        }
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

    private OutgoingEmail ToOutgoing(EmailDelivery d) => new(
        options.Value.Sender, d.To, d.Subject, d.TextBody, d.HtmlBody,
        d.UnsubscribeUrl is null ? null : new Uri(d.UnsubscribeUrl));

    private EmailBody DelayedAlertBody(EmailDelivery d) => new EmailBodyBuilder()
        .Paragraph($"An email failed {d.Attempts} times in a row and is put back on the delivery queue to be retried every {options.Value.RedriveAfter.TotalMinutes:0} minutes, until {(d.EnqueuedAt + options.Value.GiveUpAfter).ToString("u", CultureInfo.InvariantCulture)}. Check the email transport; you will get another alert if it is given up.")
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
