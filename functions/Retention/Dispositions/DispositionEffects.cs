using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.Retention;

/// <summary>Email the customer's privacy contacts: the choice link (<c>choice</c>), a reminder (<c>reminder-{n}</c>), or a certificate.</summary>
public sealed record MailCustomer(string DispositionId, string Mail, string? CertificateId = null) : IEffect
{
    public string OnceKey => $"retention.mail.{Mail}";
}

/// <summary>After the final certificate: the processor erases what it holds about the customer (its own copy).</summary>
public sealed record EndCustomer(string CustomerId) : IEffect
{
    public string OnceKey => "retention.end-customer";
}

/// <summary>A hold ended: each of the customer's purged dispositions gets its follow-up purge for the hold's categories.</summary>
public sealed record FollowUpPurges(string HoldId) : IEffect
{
    public string OnceKey => "retention.follow-up-purges";
}

/// <summary>An alert to the DPO office about a disposition or a hold (ids and dates only).</summary>
public sealed record AlertDpoOfRetention(string AlertKind, string ItemKey, string Subject, string Text) : IEffect
{
    public string OnceKey => $"retention.alert.{AlertKind}.{ItemKey}";
}
