using Azure.Data.Tables;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Email;

public enum EmailDeliveryStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// The delivery record (table <c>EmailDeliveries</c>, PartitionKey = idempotency key), written by the first delivery
/// attempt (or, for an email too large for a queue message, when it is enqueued): the email's content while it is
/// pending, and afterwards the proof of notification — who, which notice, when, through which transport, under
/// which transport message id — or, when it failed, why. Records are never deleted by the outbox.
/// </summary>
public sealed class EmailDelivery
{
    internal const string RowKeyValue = "delivery";

    public required string IdempotencyKey { get; init; }
    public EmailDeliveryStatus Status { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }
    public string? UnsubscribeUrl { get; set; }

    /// <summary>SHA-256 (hex) of the lower-cased recipient address: still proves who was notified after erasure.</summary>
    public string? RecipientHash { get; init; }

    /// <summary>When the recipient's address, name and the content were erased (see <see cref="EmailOutbox.ErasePersonalDataAsync"/>).</summary>
    public DateTimeOffset? ErasedAt { get; set; }
    public required string AggregateType { get; init; }
    public required string AggregateId { get; init; }
    public required string NoticeKind { get; init; }
    public bool IsDpoAlert { get; init; }
    public required string ContentHash { get; init; }
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Send attempts started (each claims the record first).</summary>
    public int Attempts { get; set; }

    /// <summary>A worker that is sending holds the record until this instant; others leave it alone.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>The last transport error, as a loggable description (no personal data).</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }
    public string? Transport { get; set; }
    public string? TransportMessageId { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public string? FailureReason { get; set; }

    public EmailRecipient To => new(ToAddress, ToName);
    public NoticeRef Notice => new(AggregateType, AggregateId, NoticeKind);

    internal TableEntity ToEntity()
    {
        var entity = new TableEntity(IdempotencyKey, RowKeyValue);
        foreach (var (name, value) in Properties())
            if (value is not null) entity[name] = value; // absent, not null, in the stored row
        // A notice quoting a breach's facts at their documented maximums outgrows one column (64 KiB).
        LongTextColumn.Set(entity, nameof(TextBody), TextBody);
        LongTextColumn.Set(entity, nameof(HtmlBody), HtmlBody);
        return entity;
    }

    private Dictionary<string, object?> Properties() => new()
    {
        ["Status"] = Status.ToString(),
        ["ToAddress"] = ToAddress,
        ["ToName"] = ToName,
        ["Subject"] = Subject,
        ["UnsubscribeUrl"] = UnsubscribeUrl,
        ["RecipientHash"] = RecipientHash,
        ["ErasedAt"] = ErasedAt,
        ["AggregateType"] = AggregateType,
        ["AggregateId"] = AggregateId,
        ["NoticeKind"] = NoticeKind,
        ["IsDpoAlert"] = IsDpoAlert,
        ["ContentHash"] = ContentHash,
        ["EnqueuedAt"] = EnqueuedAt,
        ["Attempts"] = Attempts,
        ["ClaimedUntil"] = ClaimedUntil,
        ["LastError"] = LastError,
        ["SentAt"] = SentAt,
        ["Transport"] = Transport,
        ["TransportMessageId"] = TransportMessageId,
        ["FailedAt"] = FailedAt,
        ["FailureReason"] = FailureReason,
    };

    /// <summary>SHA-256 (hex) of everything that makes up the email: tells a retried enqueue with other content apart.</summary>
    public static string HashContent(params string?[] parts) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\u001f", parts))));

    public static string HashRecipient(string address) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(address.ToLowerInvariant())));

    internal static EmailDelivery FromEntity(TableEntity e) => new()
    {
        IdempotencyKey = e.PartitionKey,
        Status = Enum.Parse<EmailDeliveryStatus>(e.GetString("Status")),
        ToAddress = e.GetString("ToAddress"),
        ToName = e.GetString("ToName"),
        Subject = e.GetString("Subject"),
        TextBody = LongTextColumn.Get(e, nameof(TextBody))!,
        HtmlBody = LongTextColumn.Get(e, nameof(HtmlBody))!,
        UnsubscribeUrl = e.GetString("UnsubscribeUrl"),
        RecipientHash = e.GetString("RecipientHash"),
        ErasedAt = e.GetDateTimeOffset("ErasedAt"),
        AggregateType = e.GetString("AggregateType"),
        AggregateId = e.GetString("AggregateId"),
        NoticeKind = e.GetString("NoticeKind"),
        IsDpoAlert = e.GetBoolean("IsDpoAlert") ?? false,
        ContentHash = e.GetString("ContentHash"),
        EnqueuedAt = e.GetDateTimeOffset("EnqueuedAt") ?? default,
        Attempts = e.GetInt32("Attempts") ?? 0,
        ClaimedUntil = e.GetDateTimeOffset("ClaimedUntil"),
        LastError = e.GetString("LastError"),
        SentAt = e.GetDateTimeOffset("SentAt"),
        Transport = e.GetString("Transport"),
        TransportMessageId = e.GetString("TransportMessageId"),
        FailedAt = e.GetDateTimeOffset("FailedAt"),
        FailureReason = e.GetString("FailureReason"),
    };
}
