using System.Globalization;
using PrivacyFunctions.Platform.Email.Composition;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// The idempotency keys of a breach's emails — the natural key <c>(breach, notice, customer, contact)</c>:
/// <c>breach.{breachId}.{tag}.{customerId}.{recipient}</c>, where the tag names the notice (<c>initial</c>,
/// <c>update-{n}</c>, <c>closure</c>, <c>renotify</c>) and the recipient is the first 16 hex of the address's SHA-256.
/// A range read over <c>breach.{breachId}.</c> lists every email of the breach.
/// </summary>
public static class BreachNoticeKeys
{
    public const string Renotify = "renotify";

    public static string BreachPrefix(string breachId) => $"breach.{breachId}.";

    public static string Tag(SentNotice notice) => notice.Kind switch
    {
        NoticeKind.Initial => "initial",
        NoticeKind.Update => "update-" + notice.Number.ToString(CultureInfo.InvariantCulture),
        _ => "closure",
    };

    public static string For(string breachId, string tag, string customerId, string address) =>
        $"{BreachPrefix(breachId)}{tag}.{customerId}.{MailSender.RecipientKey(address)}";

    /// <summary>The notice tag, customer and recipient a key of <paramref name="breachId"/> names.</summary>
    public static (string Tag, string CustomerId, string RecipientId) Parse(string breachId, string key)
    {
        var rest = key[BreachPrefix(breachId).Length..];
        var first = rest.IndexOf('.');
        var last = rest.LastIndexOf('.');
        return (rest[..first], rest[(first + 1)..last], rest[(last + 1)..]);
    }
}
