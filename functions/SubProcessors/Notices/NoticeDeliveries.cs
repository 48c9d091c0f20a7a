using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.SubProcessors;

/// <summary>One recipient of a change's notice, from its delivery record (the proof): who, status, when accepted by the transport.</summary>
public sealed record NoticeRecipient(string RecipientId, string? CustomerId, EmailDeliveryStatus Status, DateTimeOffset? SentAt, string? FailureReason);

/// <summary>
/// A customer's objection window for a change: it starts when the customer's notice is first accepted by the transport
/// (<see cref="DeliveredAt"/>) and lasts <c>SubProcessors:ObjectionWindow</c>; null while no notice has been delivered.
/// </summary>
public sealed record ObjectionWindow(string CustomerId, DateTimeOffset? DeliveredAt, DateTimeOffset? EndsAt)
{
    public bool IsOpenAt(DateTimeOffset at) => EndsAt is null || at < EndsAt;
}

/// <summary>Reads a change's notice deliveries from the delivery records (one range read) and derives the customers' windows.</summary>
public sealed class NoticeDeliveries(EmailDeliveryStore store, IOptions<SubProcessorOptions> options)
{
    public async Task<IReadOnlyList<NoticeRecipient>> ReadAsync(string changeId, CancellationToken ct) =>
        (await store.ProofsStartingWithAsync(NoticeKeys.ChangePrefix(NoticeKeys.Announcement, changeId), ct))
            .Select(p => ToRecipient(changeId, p)).ToArray();

    /// <summary>One customer's window (a range read over its own deliveries only).</summary>
    public async Task<ObjectionWindow> WindowOfAsync(string changeId, string customerId, CancellationToken ct)
    {
        // The prefix of "acme" also matches "acme.eu"'s keys: keep this customer's own deliveries only.
        var proofs = await store.ProofsStartingWithAsync(NoticeKeys.CustomerPrefix(NoticeKeys.Announcement, changeId, customerId), ct);
        return WindowOf(customerId, proofs.Select(p => ToRecipient(changeId, p)).Where(r => r.CustomerId == customerId));
    }

    /// <summary>The window of every customer that has at least one delivery record.</summary>
    public IReadOnlyDictionary<string, ObjectionWindow> Windows(IEnumerable<NoticeRecipient> recipients) =>
        recipients.Where(r => r.CustomerId is not null).GroupBy(r => r.CustomerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => WindowOf(g.Key, g), StringComparer.Ordinal);

    public ObjectionWindow WindowOf(string customerId, IEnumerable<NoticeRecipient> recipients)
    {
        var delivered = recipients.Where(r => r.Status == EmailDeliveryStatus.Sent && r.SentAt is not null).Select(r => r.SentAt!.Value).ToArray();
        if (delivered.Length == 0) return new ObjectionWindow(customerId, null, null);
        var first = delivered.Min();
        return new ObjectionWindow(customerId, first, first + options.Value.ObjectionWindow);
    }

    private static NoticeRecipient ToRecipient(string changeId, DeliveryProof proof)
    {
        var (customerId, recipientId) = NoticeKeys.Parse(NoticeKeys.Announcement, changeId, proof.Key);
        return new NoticeRecipient(recipientId, customerId, proof.Status, proof.SentAt, proof.FailureReason);
    }
}
