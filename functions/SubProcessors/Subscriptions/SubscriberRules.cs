using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>
/// The mailing list's rules as pure deciders for the capability kit. Audit entries carry counts and states only, never
/// the address.
/// </summary>
public static class SubscriberRules
{
    public const string NotSubscribed = "not-subscribed";

    /// <summary>
    /// Whether a request to subscribe would send a confirmation now: not for a confirmed address, and at most one per
    /// <paramref name="interval"/> per address (whatever its status).
    /// </summary>
    public static bool WouldSend(Subscriber? current, DateTimeOffset now, TimeSpan interval) =>
        current is null ||
        (current.Status != SubscriberStatus.Confirmed &&
         (current.LastConfirmationSentAt is not { } last || now - last >= interval));

    /// <summary>
    /// A request to subscribe: a new, pending (past the interval), unsubscribed or expired address becomes (again) a
    /// pending subscription with one confirmation email and an expiry hint at now + <paramref name="retention"/>;
    /// a confirmed address, or one that got a confirmation within <paramref name="interval"/>, is unchanged.
    /// </summary>
    public static Decision<Subscriber> Subscribe(string subscriberId, Subscriber? current, string address, string language, DateTimeOffset now,
        TimeSpan interval, TimeSpan retention)
    {
        if (!WouldSend(current, now, interval)) return Decision<Subscriber>.Unchanged;
        var number = (current?.ConfirmationsSent ?? 0) + 1;
        var expiresAt = now + retention;
        var fresh = current is null || current.Status != SubscriberStatus.Pending;
        var state = new Subscriber(address, language, SubscriberStatus.Pending, now, number, now, current?.ConfirmedAt,
            current?.UnsubscribedAt, current?.ErasedAt);
        var audit = new AuditRecord(fresh ? "subscriber.requested" : "subscriber.requested-again",
            new JsonObject { ["confirmation"] = number, ["language"] = language });
        return Decision<Subscriber>.Change(state, [audit], [new SendSubscriptionConfirmation(number, expiresAt)]) with
        {
            Hints = [new DueItem(SubProcessorDueKinds.SubscriberExpiry, subscriberId, expiresAt)],
        };
    }

    /// <summary>Confirms a pending subscription; confirming again changes nothing; an erased address is refused.</summary>
    public static Decision<Subscriber> Confirm(Subscriber? current, DateTimeOffset now) => current?.Status switch
    {
        SubscriberStatus.Pending => Decision<Subscriber>.Change(current with { Status = SubscriberStatus.Confirmed, ConfirmedAt = now },
            [new AuditRecord("subscriber.confirmed", new JsonObject { ["confirmation"] = current.ConfirmationsSent })]),
        SubscriberStatus.Confirmed => Decision<Subscriber>.Unchanged,
        null => Decision<Subscriber>.NotFound,
        _ => Decision<Subscriber>.Refuse(NotSubscribed),
    };

    /// <summary>Leaves the list: the address is erased, the hash and status stay. Idempotent.</summary>
    public static Decision<Subscriber> Unsubscribe(Subscriber? current, DateTimeOffset now) => current?.Status switch
    {
        SubscriberStatus.Pending or SubscriberStatus.Confirmed => Decision<Subscriber>.Change(
            current with { Status = SubscriberStatus.Unsubscribed, Address = null, UnsubscribedAt = now, ErasedAt = now },
            [new AuditRecord("subscriber.unsubscribed", new JsonObject { ["from"] = Subscriber.WireName(current.Status) })]),
        null => Decision<Subscriber>.NotFound,
        _ => Decision<Subscriber>.Unchanged,
    };

    /// <summary>Erases a subscription still pending <paramref name="retention"/> after it was asked for; anything else is not due.</summary>
    public static Decision<Subscriber> Expire(Subscriber? current, DateTimeOffset now, TimeSpan retention) =>
        current is { Status: SubscriberStatus.Pending } && now >= current.RequestedAt + retention
            ? Decision<Subscriber>.Change(current with { Status = SubscriberStatus.Expired, Address = null, ErasedAt = now },
                [new AuditRecord("subscriber.expired", new JsonObject { ["confirmation"] = current.ConfirmationsSent })])
            : Decision<Subscriber>.Unchanged;
}
