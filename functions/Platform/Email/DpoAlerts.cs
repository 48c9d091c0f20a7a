using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// Alerts to the DPO office mailbox (<c>Email:DpoMailbox</c>), sent through the outbox like every other email.
/// An alert's key is <c>dpo-alert.{kind}.{itemKey}</c>, so raising the same alert again sends it once.
/// </summary>
public sealed class DpoAlerts(EmailOutbox outbox, IOptions<EmailOptions> options)
{
    public const string AggregateType = "dpo-alert";

    /// <param name="alertKind">What happened, an id such as <c>email-failed</c> or <c>dsr.overdue</c>.</param>
    /// <param name="itemKey">Which item it concerns (table-key text); with the kind it makes the alert's identity.</param>
    /// <param name="subject">The alert's subject line (one line).</param>
    /// <param name="text">The alert's text; blank lines separate paragraphs; HTML-encoded in the HTML part.</param>
    public Task<EmailEnqueueResult> RaiseAsync(string alertKind, string itemKey, string subject, string text, CancellationToken cancellationToken = default) =>
        RaiseAsync(alertKind, itemKey, subject, EmailBody.FromParagraphs(text), cancellationToken);

    public Task<EmailEnqueueResult> RaiseAsync(string alertKind, string itemKey, string subject, EmailBody body, CancellationToken cancellationToken = default)
    {
        if (!JsonFields.IdPattern().IsMatch(alertKind))
            throw new ArgumentException("An alert kind is an id: letters, digits, '.', '_', '-'.", nameof(alertKind));
        var message = new EmailMessage(
            KeyFor(alertKind, itemKey),
            new EmailRecipient(options.Value.DpoMailbox!, "DPO office"),
            Composition.MailHeaders.Subject(subject),
            body,
            new NoticeRef(AggregateType, AlertItemId(itemKey), alertKind))
        { IsDpoAlert = true };
        return outbox.EnqueueAsync(message, cancellationToken);
    }

    /// <summary><c>dpo-alert.{kind}.{itemKey}</c>, with the item key replaced by its SHA-256 prefix when the whole would be too long.</summary>
    public static string KeyFor(string alertKind, string itemKey)
    {
        var key = $"dpo-alert.{alertKind}.{itemKey}";
        return EmailOutbox.IsValidKey(key) ? key : $"dpo-alert.{alertKind}.sha256-{Hash(itemKey)}";
    }

    /// <summary>An item key for text that must not appear in a key or alert (e.g. a malformed message): <c>sha256-{prefix}</c>.</summary>
    public static string DigestOf(string text) => "sha256-" + Hash(text);

    private static string AlertItemId(string itemKey) =>
        itemKey.Length <= EmailOutbox.MaxKeyLength && EmailOutbox.IsValidKey(itemKey) ? itemKey : "sha256-" + Hash(itemKey);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}
