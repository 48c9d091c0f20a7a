using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// What a message on the <c>email-deliveries</c> queue carries: the whole email, fixed when it was enqueued, so that
/// enqueuing is one request and delivery writes the record once (docs/email.md, "Storage cost"). An email too large
/// for a queue message (64 KiB after Base64) is stored as a Pending record first and its message carries only the key
/// (<see cref="Content"/> null) — the form every message had before, so such messages are still understood.
/// </summary>
public sealed record QueuedEmail(string Key, QueuedEmail.EmailContent? Content)
{
    /// <summary>UTF-8 bytes of a message that still fit 64 KiB once the queue has Base64-encoded them (4/3).</summary>
    public const int MaxInlineBytes = 48_000;

    public sealed record EmailContent(
        [property: JsonPropertyName("to")] string ToAddress,
        [property: JsonPropertyName("name")] string? ToName,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("text")] string TextBody,
        [property: JsonPropertyName("html")] string HtmlBody,
        [property: JsonPropertyName("unsubscribe")] string? UnsubscribeUrl,
        [property: JsonPropertyName("aggregateType")] string AggregateType,
        [property: JsonPropertyName("aggregateId")] string AggregateId,
        [property: JsonPropertyName("notice")] string NoticeKind,
        [property: JsonPropertyName("dpoAlert")] bool IsDpoAlert,
        [property: JsonPropertyName("enqueuedAt")] DateTimeOffset EnqueuedAt);

    private sealed record Wire(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("email")] EmailContent Email);

    public static QueuedEmail Of(EmailMessage message, DateTimeOffset enqueuedAt) => new(message.IdempotencyKey, new EmailContent(
        message.To.Address, message.To.DisplayName, message.Subject, message.Body.Text, message.Body.Html,
        message.UnsubscribeUrl?.AbsoluteUri, message.Notice.AggregateType, message.Notice.AggregateId, message.Notice.NoticeKind,
        message.IsDpoAlert, enqueuedAt));

    /// <summary>The message text: JSON with the content, or the bare key when there is no content.</summary>
    public string ToMessage() => Content is null ? Key : JsonSerializer.Serialize(new Wire(Key, Content));

    public static bool FitsInMessage(string text) => Encoding.UTF8.GetByteCount(text) <= MaxInlineBytes;

    /// <summary>Reads a queue message; null when it is neither a valid key nor a well-formed email.</summary>
    public static QueuedEmail? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!text.StartsWith('{'))
            return EmailOutbox.IsValidKey(text) ? new QueuedEmail(text, null) : null;
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(text);
            return wire?.Email is { } email && EmailOutbox.IsValidKey(wire.Key)
                   && email.ToAddress is not null && email.Subject is not null && email.TextBody is not null && email.HtmlBody is not null
                   && email.AggregateType is not null && email.AggregateId is not null && email.NoticeKind is not null
                ? new QueuedEmail(wire.Key, email)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The delivery record this email starts as (Pending), for the first attempt or a too-large email.</summary>
    public EmailDelivery ToDelivery() => Content is not { } c
        ? throw new InvalidOperationException("A key-only message has no content to record.")
        : new EmailDelivery
        {
            IdempotencyKey = Key,
            Status = EmailDeliveryStatus.Pending,
            ToAddress = c.ToAddress,
            ToName = c.ToName,
            Subject = c.Subject,
            TextBody = c.TextBody,
            HtmlBody = c.HtmlBody,
            UnsubscribeUrl = c.UnsubscribeUrl,
            RecipientHash = EmailDelivery.HashRecipient(c.ToAddress),
            AggregateType = c.AggregateType,
            AggregateId = c.AggregateId,
            NoticeKind = c.NoticeKind,
            IsDpoAlert = c.IsDpoAlert,
            ContentHash = EmailDelivery.HashContent(c.ToAddress, c.ToName, c.Subject, c.TextBody, c.HtmlBody, c.UnsubscribeUrl, c.AggregateType, c.AggregateId, c.NoticeKind),
            EnqueuedAt = c.EnqueuedAt,
        };
}
