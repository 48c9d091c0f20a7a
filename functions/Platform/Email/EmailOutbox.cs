using Microsoft.Extensions.Logging;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// The one way to send an email (docs/email.md). Enqueuing is one request: the whole email goes on the
/// <c>email-deliveries</c> queue (<see cref="QueuedEmail"/>), whose handler writes the delivery record, sends, and
/// records the outcome — so an email costs three storage requests from enqueue to proof. Nothing is lost: the queue
/// message is durable and retried by the host; a message that outlasts its retries is re-queued later by the poison
/// handler until <c>Email:GiveUpAfter</c>, then recorded Failed with a DPO alert. The same key enqueued twice makes
/// two messages but one delivery (the record is inserted once; a settled record sends nothing). An email too large
/// for a queue message is recorded Pending first and queued by key; a crash between the two is recovered by the
/// caller, which repeats its step (a change's effects are repeated until cleared).
/// </summary>
public sealed class EmailOutbox(
    EmailDeliveryStore store,
    IEmailDeliveryQueue queue,
    TimeProvider clock,
    ILogger<EmailOutbox> logger)
{
    public const int MaxKeyLength = 256;
    /// <summary>Characters per body part: both parts fit one delivery record (stored as <see cref="LongTextColumn"/>s, 1 MiB a row).</summary>
    public const int MaxBodyLength = 200_000;
    public const int MaxSubjectLength = 200;

    public async Task<EmailEnqueueResult> EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Validate(message);
        var queued = QueuedEmail.Of(message, clock.GetUtcNow());
        var text = queued.ToMessage();
        if (QueuedEmail.FitsInMessage(text))
        {
            await queue.EnqueueAsync(text, null, cancellationToken);
            EmailLog.Queued(logger, message.IdempotencyKey, message.Notice.AggregateType, message.Notice.AggregateId, message.Notice.NoticeKind);
            return new EmailEnqueueResult(message.IdempotencyKey, true, EmailDeliveryStatus.Pending);
        }

        // Too large for a message: the record carries the content, the message only the key.
        var delivery = queued.ToDelivery();
        if (await store.TryInsertAsync(delivery, cancellationToken) is null)
        {
            var (existing, _) = await store.GetAsync(message.IdempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException($"Email {message.IdempotencyKey} exists but could not be read.");
            if (existing.ContentHash != delivery.ContentHash)
                EmailLog.ContentMismatch(logger, message.IdempotencyKey);
            if (existing.Status != EmailDeliveryStatus.Pending)
            {
                EmailLog.AlreadyKnown(logger, message.IdempotencyKey, existing.Status);
                return new EmailEnqueueResult(message.IdempotencyKey, false, existing.Status);
            }
        }
        await queue.EnqueueAsync(message.IdempotencyKey, null, cancellationToken); // a duplicate message is harmless
        EmailLog.Queued(logger, message.IdempotencyKey, message.Notice.AggregateType, message.Notice.AggregateId, message.Notice.NoticeKind);
        return new EmailEnqueueResult(message.IdempotencyKey, true, EmailDeliveryStatus.Pending);
    }

    /// <summary>
    /// Erases the recipient's address and name and the email's subject and content from a settled (Sent or
    /// Failed) delivery, keeping the proof: key, notice, times, transport id and the recipient's hash. For data
    /// that may be kept only for a while (docs/security.md, e.g. an end-user's reply once the request is closed).
    /// Returns true when nothing is left to erase (erased now or before, or no such delivery), false when the
    /// delivery is still pending and cannot be erased yet.
    /// </summary>
    public async Task<bool> ErasePersonalDataAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await store.GetAsync(idempotencyKey, cancellationToken) is not var (delivery, etag))
                return true;
            if (await TryEraseAsync(delivery, etag, cancellationToken) is { } erased)
                return erased;
        }
        throw new InvalidOperationException($"Email {idempotencyKey} kept changing while being erased.");
    }

    /// <summary>
    /// Erases every delivery whose key starts with <paramref name="keyPrefix"/> (and that <paramref name="which"/> picks, if
    /// given: e.g. those of one request that carry the end-user's data), from the one range read that finds them (a
    /// record that changed meanwhile is read again). False when one of them is still pending (not erasable yet); the
    /// caller retries later.
    /// </summary>
    public async Task<bool> ErasePersonalDataByPrefixAsync(string keyPrefix, CancellationToken cancellationToken = default, Func<string, bool>? which = null)
    {
        var complete = true;
        foreach (var (delivery, etag) in await store.StartingWithAsync(keyPrefix, cancellationToken))
            if (which is null || which(delivery.IdempotencyKey))
                complete &= await TryEraseAsync(delivery, etag, cancellationToken) ?? await ErasePersonalDataAsync(delivery.IdempotencyKey, cancellationToken);
        return complete;
    }

    /// <returns>True when erased (now or before), false while it is still pending, null when it changed since read.</returns>
    private async Task<bool?> TryEraseAsync(EmailDelivery delivery, Azure.ETag etag, CancellationToken cancellationToken)
    {
        if (delivery.Status == EmailDeliveryStatus.Pending) return false;
        if (delivery.ErasedAt is not null) return true;
        delivery.ToAddress = "";
        delivery.ToName = null;
        delivery.Subject = "";
        delivery.TextBody = "";
        delivery.HtmlBody = "";
        delivery.UnsubscribeUrl = null;
        delivery.ErasedAt = clock.GetUtcNow();
        return await store.TryUpdateAsync(delivery, etag, cancellationToken) is not null ? true : null;
    }

    /// <summary>Whether <paramref name="key"/> may be used as an idempotency key (see <see cref="EmailMessage"/>).</summary>
    public static bool IsValidKey(string? key) =>
        TableKeys.IsValid(key) && key!.Length <= MaxKeyLength && !key.Contains('@') && key.Trim() == key && !key.StartsWith('{');

    public static void Validate(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsValidKey(message.IdempotencyKey))
            throw new ArgumentException($"The idempotency key must be 1–{MaxKeyLength} characters of table-key text (no / \\ # ? or control characters), without '@' or surrounding spaces, not starting with '{{'.", nameof(message));
        if (message.To is null || !EmailAddress.IsValid(message.To.Address))
            throw new ArgumentException("The recipient must be an email address (name@domain).", nameof(message));
        if (message.To.DisplayName is { } name && (name.Length > 100 || name.Any(char.IsControl)))
            throw new ArgumentException("The recipient's display name must be at most 100 characters without control characters.", nameof(message));
        if (string.IsNullOrWhiteSpace(message.Subject) || message.Subject.Length > MaxSubjectLength || message.Subject.Any(char.IsControl))
            throw new ArgumentException($"The subject must be 1–{MaxSubjectLength} characters on one line.", nameof(message));
        if (message.Body is null || string.IsNullOrWhiteSpace(message.Body.Text) || string.IsNullOrWhiteSpace(message.Body.Html))
            throw new ArgumentException("The body must have a text part and an HTML part (use EmailBodyBuilder).", nameof(message));
        if (message.Body.Text.Length > MaxBodyLength || message.Body.Html.Length > MaxBodyLength)
            throw new ArgumentException($"Each body part must be at most {MaxBodyLength} characters.", nameof(message));
        if (message.Notice is null
            || !JsonFields.IdPattern().IsMatch(message.Notice.AggregateType)
            || !JsonFields.IdPattern().IsMatch(message.Notice.NoticeKind)
            || !TableKeys.IsValid(message.Notice.AggregateId) || message.Notice.AggregateId.Length > MaxKeyLength || message.Notice.AggregateId.Contains('@'))
            throw new ArgumentException("The notice needs an aggregate type and notice kind (ids: letters, digits, '.', '_', '-') and an aggregate id (table-key text without '@').", nameof(message));
        if (message.UnsubscribeUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
            throw new ArgumentException("The unsubscribe URL must be an absolute http(s) URL.", nameof(message));
    }
}
