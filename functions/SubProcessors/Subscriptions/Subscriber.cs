namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>Where an address stands on the mailing list of sub-processor changes.</summary>
public enum SubscriberStatus
{
    /// <summary>Asked, not confirmed yet (double opt-in): gets no notices; erased after <c>SubProcessors:UnconfirmedRetention</c>.</summary>
    Pending,
    /// <summary>Confirmed through the emailed link: receives every notice.</summary>
    Confirmed,
    /// <summary>Left the list: the address is erased, the hash stays.</summary>
    Unsubscribed,
    /// <summary>Never confirmed: the address was erased when the confirmation period ran out; the hash stays.</summary>
    Expired,
}

/// <summary>
/// One address on the mailing list of sub-processor changes (GDPR Art. 28(2): the trust centre's list), stored
/// through the capability kit under the SHA-256 of the lower-cased address (<see cref="SubscriberKind"/>). The
/// address is kept only while it is pending or confirmed; unsubscribing or expiring erases it and keeps the hash, so a
/// later request starts a fresh double opt-in.
/// </summary>
/// <param name="Address">The address (lower-cased), or null once erased.</param>
/// <param name="Language">The language of its emails and pages (one of <c>Languages.Supported</c>).</param>
/// <param name="RequestedAt">When the current (or last) pending subscription was asked for.</param>
/// <param name="ConfirmationsSent">How many confirmation emails were sent over its life (numbers their keys).</param>
public sealed record Subscriber(
    string? Address,
    string Language,
    SubscriberStatus Status,
    DateTimeOffset RequestedAt,
    int ConfirmationsSent,
    DateTimeOffset? LastConfirmationSentAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? UnsubscribedAt,
    DateTimeOffset? ErasedAt)
{
    /// <summary>The id the subscriber is known by outside its row (links, email keys, logs): the first 16 hex digits of its hash.</summary>
    public static string ShortId(string hash) => hash[..16];

    public static string WireName(SubscriberStatus status) => status switch
    {
        SubscriberStatus.Pending => "pending",
        SubscriberStatus.Confirmed => "confirmed",
        SubscriberStatus.Unsubscribed => "unsubscribed",
        _ => "expired",
    };
}
