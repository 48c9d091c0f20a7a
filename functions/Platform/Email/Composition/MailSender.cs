namespace PrivacyFunctions.Platform.Email.Composition;

/// <summary>
/// Hands composed emails to the <see cref="EmailOutbox"/>: subject and display name made one bounded line
/// (<see cref="MailHeaders"/>), the unsubscribe URL carried over for list mail, and one email per recipient keyed
/// by the recipient's hash — never by a position in a list, which changes when the list does.
/// </summary>
public sealed class MailSender(EmailOutbox outbox, EmailDeliveryHandler delivery, TimeProvider clock)
{
    /// <summary><c>{keyPrefix}.{recipientKey}</c>: the key of the email <see cref="SendToEachAsync(string, IEnumerable{EmailRecipient}, Func{EmailRecipient, EmailContent}, NoticeRef, CancellationToken)"/> sends to <paramref name="address"/>.</summary>
    public static string KeyFor(string keyPrefix, string address) => $"{keyPrefix}.{RecipientKey(address)}";

    /// <summary>The first 16 hex digits of <see cref="EmailDelivery.HashRecipient"/> (the address lower-cased): no address in a key.</summary>
    public static string RecipientKey(string address) => EmailDelivery.HashRecipient(address)[..16];

    public Task<EmailEnqueueResult> SendAsync(string key, EmailRecipient to, EmailContent content, NoticeRef notice, CancellationToken cancellationToken = default) =>
        outbox.EnqueueAsync(new EmailMessage(key, MailHeaders.Recipient(to), MailHeaders.Subject(content.Subject), content.Body, notice, content.UnsubscribeUrl),
            cancellationToken);

    /// <summary>
    /// Sends at once, in this process, instead of through the delivery queue: the record is inserted already claimed,
    /// the email sent and recorded <c>Sent</c> — two storage requests (for a fan-out that already runs from a queue
    /// message). A send that fails transiently is handed to the delivery queue, which retries it; a key already
    /// delivered sends nothing. Returns false when the email was handed to the queue.
    /// </summary>
    public async Task<bool> SendNowAsync(string key, EmailRecipient to, EmailContent content, NoticeRef notice, CancellationToken cancellationToken = default)
    {
        var message = new EmailMessage(key, MailHeaders.Recipient(to), MailHeaders.Subject(content.Subject), content.Body, notice, content.UnsubscribeUrl);
        EmailOutbox.Validate(message);
        try
        {
            await delivery.DeliverAsync(QueuedEmail.Of(message, clock.GetUtcNow()), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await outbox.EnqueueAsync(message, cancellationToken);
            return false;
        }
    }

    /// <summary>
    /// One email per recipient under <see cref="KeyFor"/>, composed per recipient (e.g. each subscriber's own
    /// unsubscribe link). Recipients whose addresses differ only in case get one email. Returns what each enqueue did.
    /// </summary>
    public async Task<IReadOnlyList<EmailEnqueueResult>> SendToEachAsync(
        string keyPrefix, IEnumerable<EmailRecipient> recipients, Func<EmailRecipient, EmailContent> compose, NoticeRef notice,
        CancellationToken cancellationToken = default)
    {
        var results = new List<EmailEnqueueResult>();
        foreach (var to in recipients.DistinctBy(r => RecipientKey(r.Address)))
            results.Add(await SendAsync(KeyFor(keyPrefix, to.Address), to, compose(to), notice, cancellationToken));
        return results;
    }

    /// <summary>The same <paramref name="content"/> to each address, one email each under <see cref="KeyFor"/>.</summary>
    public Task<IReadOnlyList<EmailEnqueueResult>> SendToEachAsync(
        string keyPrefix, IEnumerable<string> addresses, EmailContent content, NoticeRef notice, CancellationToken cancellationToken = default) =>
        SendToEachAsync(keyPrefix, addresses.Select(a => new EmailRecipient(a)), _ => content, notice, cancellationToken);

    /// <summary>
    /// The same <paramref name="content"/> to each address, one email each under <see cref="KeyFor"/>, sent at once
    /// (<see cref="SendNowAsync"/>: for a step that already runs from a queue message). Returns how many were sent now
    /// (the others were handed to the delivery queue).
    /// </summary>
    public async Task<int> SendToEachNowAsync(
        string keyPrefix, IEnumerable<string> addresses, EmailContent content, NoticeRef notice, CancellationToken cancellationToken = default)
    {
        var sent = 0;
        foreach (var address in addresses.DistinctBy(RecipientKey))
            if (await SendNowAsync(KeyFor(keyPrefix, address), new EmailRecipient(address), content, notice, cancellationToken)) sent++;
        return sent;
    }
}
