using Microsoft.Extensions.Logging;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// Every log line of the email platform. They name the idempotency key and the notice's ids only — never an
/// address, a display name, a subject or body text (docs/security.md) — and never pass an exception object, whose
/// message could echo a server's text.
/// </summary>
internal static partial class EmailLog
{
    [LoggerMessage(1001, LogLevel.Information, "Email {IdempotencyKey} queued for {AggregateType} {AggregateId} ({NoticeKind}).")]
    public static partial void Queued(ILogger logger, string idempotencyKey, string aggregateType, string aggregateId, string noticeKind);

    [LoggerMessage(1002, LogLevel.Information, "Email {IdempotencyKey} already known ({Status}); not queued again as a new delivery.")]
    public static partial void AlreadyKnown(ILogger logger, string idempotencyKey, EmailDeliveryStatus status);

    [LoggerMessage(1003, LogLevel.Warning, "Email {IdempotencyKey} was enqueued again with different content; the first content is kept.")]
    public static partial void ContentMismatch(ILogger logger, string idempotencyKey);

    [LoggerMessage(1010, LogLevel.Information, "Email {IdempotencyKey} sent via {Transport} as {TransportMessageId} (attempt {Attempt}) for {AggregateType} {AggregateId} ({NoticeKind}).")]
    public static partial void Sent(ILogger logger, string idempotencyKey, string transport, string transportMessageId, int attempt, string aggregateType, string aggregateId, string noticeKind);

    [LoggerMessage(1011, LogLevel.Debug, "Email {IdempotencyKey} is already {Status}; nothing to do.")]
    public static partial void NothingToDo(ILogger logger, string idempotencyKey, EmailDeliveryStatus status);

    [LoggerMessage(1012, LogLevel.Information, "Email {IdempotencyKey} is being sent by another worker until {ClaimedUntil}; leaving it.")]
    public static partial void Claimed(ILogger logger, string idempotencyKey, DateTimeOffset claimedUntil);

    [LoggerMessage(1013, LogLevel.Warning, "Email {IdempotencyKey} attempt {Attempt} failed: {Error}. The queue will retry.")]
    public static partial void SendFailed(ILogger logger, string idempotencyKey, int attempt, string error);

    [LoggerMessage(1014, LogLevel.Warning, "Delivery message names no known email ({IdempotencyKey}); dropped.")]
    public static partial void UnknownKey(ILogger logger, string idempotencyKey);

    [LoggerMessage(1015, LogLevel.Warning, "Delivery message text is not a valid idempotency key; dropped.")]
    public static partial void MalformedKey(ILogger logger);

    [LoggerMessage(1016, LogLevel.Warning, "Email {IdempotencyKey} was sent but its record changed meanwhile; recording Sent again on the current version.")]
    public static partial void RecordChangedWhileSending(ILogger logger, string idempotencyKey);

    [LoggerMessage(1020, LogLevel.Error, "Email {IdempotencyKey} failed for good for {AggregateType} {AggregateId} ({NoticeKind}): {Reason}. The DPO mailbox is alerted.")]
    public static partial void Failed(ILogger logger, string idempotencyKey, string aggregateType, string aggregateId, string noticeKind, string reason);

    [LoggerMessage(1021, LogLevel.Critical, "DPO alert email {IdempotencyKey} ({NoticeKind} for {AggregateId}) failed for good: {Reason}. No further alert is raised; check the EmailDeliveries table.")]
    public static partial void AlertFailed(ILogger logger, string idempotencyKey, string noticeKind, string aggregateId, string reason);

    [LoggerMessage(1022, LogLevel.Critical, "A poison delivery message names no known email ({IdempotencyKey}); nothing can be resent.")]
    public static partial void PoisonUnknown(ILogger logger, string idempotencyKey);

    [LoggerMessage(1023, LogLevel.Information, "Poison delivery message for email {IdempotencyKey}, which is already {Status}; nothing to do.")]
    public static partial void PoisonAlreadySettled(ILogger logger, string idempotencyKey, EmailDeliveryStatus status);

    [LoggerMessage(1040, LogLevel.Warning, "ACS answered {Status} for email {IdempotencyKey} (attempt {Attempt}); retrying in {Delay}.")]
    public static partial void AcsRetry(ILogger logger, int status, string idempotencyKey, int attempt, TimeSpan delay);

    [LoggerMessage(1041, LogLevel.Warning, "ACS request for email {IdempotencyKey} failed (attempt {Attempt}): {Error}; retrying in {Delay}.")]
    public static partial void AcsNetworkRetry(ILogger logger, string idempotencyKey, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {IdempotencyKey} poisoned after {Attempts} attempt(s); put back on the delivery queue to be retried later")]
    public static partial void PoisonDeferred(ILogger logger, string idempotencyKey, int attempts);
}
