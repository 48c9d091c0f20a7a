namespace PrivacyFunctions.Platform.Email;

/// <summary>One recipient: an addr-spec and an optional display name.</summary>
public sealed record EmailRecipient(string Address, string? DisplayName = null);

/// <summary>
/// Which notice an email belongs to, for the proof record: the aggregate (e.g. <c>customer</c>/<c>acme</c>,
/// <c>breach</c>/<c>b-2026-001</c>) and the kind of notice (e.g. <c>breach.initial</c>). Ids, never personal data.
/// </summary>
public sealed record NoticeRef(string AggregateType, string AggregateId, string NoticeKind);

/// <summary>
/// One email to one recipient, as handed to <see cref="EmailOutbox"/>. <paramref name="IdempotencyKey"/> names
/// the delivery: enqueuing the same key again sends nothing twice. It is logged and used as a table key, so it
/// must be table-key text (no <c>/ \ # ?</c> or control characters), at most 256 characters, and must not
/// contain <c>@</c> — build it from ids (e.g. <c>subproc.notice.{changeId}.{subscriberId}</c>), never from an
/// email address. <paramref name="UnsubscribeUrl"/>, for mailing-list mail, adds the RFC 8058 one-click headers.
/// </summary>
public sealed record EmailMessage(
    string IdempotencyKey,
    EmailRecipient To,
    string Subject,
    EmailBody Body,
    NoticeRef Notice,
    Uri? UnsubscribeUrl = null)
{
    /// <summary>Set only by <see cref="DpoAlerts"/>: a failed alert is logged at Critical instead of raising another alert.</summary>
    internal bool IsDpoAlert { get; init; }
}

/// <summary>What a transport sends: the sender is resolved from <c>Email:SenderAddress</c>/<c>Email:SenderName</c>.</summary>
public sealed record OutgoingEmail(
    EmailRecipient From,
    EmailRecipient To,
    string Subject,
    string TextBody,
    string HtmlBody,
    Uri? UnsubscribeUrl = null);

/// <summary>
/// What <see cref="EmailOutbox.EnqueueAsync"/> did: <paramref name="Queued"/> is false when nothing was queued because
/// the delivery is already settled (<paramref name="Status"/> Sent or Failed) — the outbox knows that only of emails
/// too large for a queue message; of any other, a duplicate is told apart by the delivery handler.
/// </summary>
public sealed record EmailEnqueueResult(string IdempotencyKey, bool Queued, EmailDeliveryStatus Status);
