using PrivacyFunctions.Platform.Email.Composition;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// The idempotency keys of a change's emails — the natural key <c>(changeId, recipient)</c> of DESIGN §4: a customer's
/// contact <c>subproc.{notice}.{changeId}.c.{customerId}.{recipient}</c>, a list subscriber
/// <c>subproc.{notice}.{changeId}.s.{recipient}</c> (recipient = the first 16 hex of the address's SHA-256). A range
/// read over a prefix lists a change's deliveries, or one customer's.
/// </summary>
public static class NoticeKeys
{
    public const string Announcement = "notice";
    public const string Withdrawal = "withdrawal";

    public static string ChangePrefix(string notice, string changeId) => $"subproc.{notice}.{changeId}.";

    public static string CustomerPrefix(string notice, string changeId, string customerId) => $"{ChangePrefix(notice, changeId)}c.{customerId}.";

    public static string ForCustomer(string notice, string changeId, string customerId, string address) =>
        CustomerPrefix(notice, changeId, customerId) + MailSender.RecipientKey(address);

    public static string ForSubscriber(string notice, string changeId, string subscriberId) => $"{ChangePrefix(notice, changeId)}s.{subscriberId}";

    /// <summary>Who a key of <paramref name="changeId"/>'s notice addresses: the customer (null for a subscriber) and the recipient id.</summary>
    public static (string? CustomerId, string RecipientId) Parse(string notice, string changeId, string key)
    {
        var rest = key[ChangePrefix(notice, changeId).Length..];
        if (rest.StartsWith("s.", StringComparison.Ordinal)) return (null, rest[2..]);
        var last = rest.LastIndexOf('.');
        return (rest[2..last], rest[(last + 1)..]);
    }
}
