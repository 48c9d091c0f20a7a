using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// The one way to send an email (docs/email.md). Enqueuing takes three steps, each safe to repeat and each
/// recoverable if the process dies after it:
/// <list type="number">
/// <item>a redrive hint in the due index (<c>email.delivery</c>, due after <c>Email:RedriveAfter</c>) — written
/// first, so that whatever happens next, a sweep will look at this delivery again;</item>
/// <item>the delivery record (status Pending, the content inside it) — inserted, so the same key never makes a
/// second record;</item>
/// <item>the key on the <c>email-deliveries</c> queue, whose handler sends.</item>
/// </list>
/// A crash after (1) leaves a hint without a record (the sweep drops it; the caller retries its own step);
/// a crash after (2) leaves a Pending record that the sweep re-enqueues once its hint is due.
/// </summary>
public sealed class EmailOutbox(
    EmailDeliveryStore store,
    IEmailDeliveryQueue queue,
    DueIndex due,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    ILogger<EmailOutbox> logger)
{
    public const int MaxKeyLength = 256;
    public const int MaxBodyLength = 32_000;
    public const int MaxSubjectLength = 200;

    public async Task<EmailEnqueueResult> EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Validate(message);
        var now = clock.GetUtcNow();
        var hint = new DueItem(EmailNames.RedriveDueKind, message.IdempotencyKey, now + options.Value.RedriveAfter);
        await due.ScheduleAsync(hint, cancellationToken);

        var delivery = NewDelivery(message, now, hint.DueAt);
        if (await store.TryInsertAsync(delivery, cancellationToken))
        {
            await queue.EnqueueAsync(message.IdempotencyKey, cancellationToken);
            EmailLog.Queued(logger, message.IdempotencyKey, message.Notice.AggregateType, message.Notice.AggregateId, message.Notice.NoticeKind);
            return new EmailEnqueueResult(message.IdempotencyKey, true, EmailDeliveryStatus.Pending);
        }

        // The key is known: this is a retry of an earlier enqueue (which may have died before its queue step).
        var (existing, _) = await store.GetAsync(message.IdempotencyKey, cancellationToken)
            ?? throw new InvalidOperationException($"Email {message.IdempotencyKey} exists but could not be read.");
        if (existing.RedriveAt != hint.DueAt)
            await due.CancelAsync(hint, cancellationToken); // the existing record has its own hint
        if (existing.ContentHash != delivery.ContentHash)
            EmailLog.ContentMismatch(logger, message.IdempotencyKey);
        if (existing.Status == EmailDeliveryStatus.Pending)
            await queue.EnqueueAsync(message.IdempotencyKey, cancellationToken); // a duplicate message is harmless
        EmailLog.AlreadyKnown(logger, message.IdempotencyKey, existing.Status);
        return new EmailEnqueueResult(message.IdempotencyKey, false, existing.Status);
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
            if (delivery.Status == EmailDeliveryStatus.Pending)
                return false;
            if (delivery.ErasedAt is not null)
                return true;
            delivery.ToAddress = "";
            delivery.ToName = null;
            delivery.Subject = "";
            delivery.TextBody = "";
            delivery.HtmlBody = "";
            delivery.UnsubscribeUrl = null;
            delivery.ErasedAt = clock.GetUtcNow();
            if (await store.TryUpdateAsync(delivery, etag, cancellationToken) is not null)
                return true;
        }
        throw new InvalidOperationException($"Email {idempotencyKey} kept changing while being erased.");
    }

    /// <summary>
    /// Erases every delivery whose key starts with <paramref name="keyPrefix"/> (e.g. all forwards of one request).
    /// False when one of them is still pending (not erasable yet); the caller retries later.
    /// </summary>
    public async Task<bool> ErasePersonalDataByPrefixAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        var complete = true;
        foreach (var key in await store.KeysStartingWithAsync(keyPrefix, cancellationToken))
            complete &= await ErasePersonalDataAsync(key, cancellationToken);
        return complete;
    }

    /// <summary>Whether <paramref name="key"/> may be used as an idempotency key (see <see cref="EmailMessage"/>).</summary>
    public static bool IsValidKey(string? key) =>
        TableKeys.IsValid(key) && key!.Length <= MaxKeyLength && !key.Contains('@') && key.Trim() == key;

    public static void Validate(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsValidKey(message.IdempotencyKey))
            throw new ArgumentException($"The idempotency key must be 1–{MaxKeyLength} characters of table-key text (no / \\ # ? or control characters), without '@' or surrounding spaces.", nameof(message));
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

    private static EmailDelivery NewDelivery(EmailMessage message, DateTimeOffset now, DateTimeOffset redriveAt) => new()
    {
        IdempotencyKey = message.IdempotencyKey,
        Status = EmailDeliveryStatus.Pending,
        ToAddress = message.To.Address,
        ToName = message.To.DisplayName,
        Subject = message.Subject,
        TextBody = message.Body.Text,
        HtmlBody = message.Body.Html,
        UnsubscribeUrl = message.UnsubscribeUrl?.AbsoluteUri,
        RecipientHash = EmailDelivery.HashRecipient(message.To.Address),
        AggregateType = message.Notice.AggregateType,
        AggregateId = message.Notice.AggregateId,
        NoticeKind = message.Notice.NoticeKind,
        IsDpoAlert = message.IsDpoAlert,
        ContentHash = ContentHash(message),
        EnqueuedAt = now,
        RedriveAt = redriveAt,
    };

    private static string ContentHash(EmailMessage m)
    {
        var content = string.Join("\u001f", m.To.Address, m.To.DisplayName, m.Subject, m.Body.Text, m.Body.Html, m.UnsubscribeUrl?.AbsoluteUri,
            m.Notice.AggregateType, m.Notice.AggregateId, m.Notice.NoticeKind);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
