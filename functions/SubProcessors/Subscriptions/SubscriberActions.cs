using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>What a request to subscribe did. The caller never learns it (the answer is always the same 202); logs and tests do.</summary>
public enum SubscribeOutcome { ConfirmationSent, AlreadyConfirmed, TooSoon, HourlyCapReached, Busy }

/// <summary>
/// The mailing list's commands through the capability kit: subscribe (double opt-in with the per-address interval
/// and the global hourly cap), confirm, unsubscribe. Logs carry the subscriber's short id and outcomes only.
/// </summary>
public sealed partial class SubscriberActions(
    AggregateChanges changes, SubscriberKind kind, ConfirmationRateLimit rateLimit, IOptions<SubProcessorOptions> options, TimeProvider clock,
    ILogger<SubscriberActions> logger)
{
    /// <summary>
    /// A request to subscribe <paramref name="address"/> (valid, any case). Sends one confirmation email unless the
    /// address is confirmed, got one within <c>ConfirmationInterval</c>, or the hour's cap is reached.
    /// </summary>
    public async Task<SubscribeOutcome> SubscribeAsync(string address, string language, CancellationToken ct)
    {
        var normalized = address.ToLowerInvariant();
        var id = EmailDelivery.HashRecipient(normalized);
        var settings = options.Value;
        var current = await changes.FindAsync(kind, id, ct);
        var outcome = await DecideAsync();
        LogSubscribe(logger, Subscriber.ShortId(id), outcome);
        return outcome;

        async Task<SubscribeOutcome> DecideAsync()
        {
            if (!SubscriberRules.WouldSend(current?.State, clock.GetUtcNow(), settings.ConfirmationInterval))
                return current?.State.Status == SubscriberStatus.Confirmed ? SubscribeOutcome.AlreadyConfirmed : SubscribeOutcome.TooSoon;
            if (!await rateLimit.TryTakeAsync(ct))
                return SubscribeOutcome.HourlyCapReached;
            var result = await changes.ApplyAsync(kind, id, AuditActors.SubscriberLink,
                (stored, now) => SubscriberRules.Subscribe(id, stored?.State, normalized, language, now, settings.ConfirmationInterval, settings.UnconfirmedRetention),
                ct, current);
            return result.Outcome switch
            {
                ChangeOutcome.Changed => SubscribeOutcome.ConfirmationSent,
                ChangeOutcome.Unchanged => result.Stored?.State.Status == SubscriberStatus.Confirmed ? SubscribeOutcome.AlreadyConfirmed : SubscribeOutcome.TooSoon,
                _ => SubscribeOutcome.Busy,
            };
        }
    }

    public async Task<ChangeResult<Subscriber>> ConfirmAsync(Stored<Subscriber> subscriber, CancellationToken ct)
    {
        var result = await changes.ApplyAsync(kind, subscriber.AggregateId, AuditActors.SubscriberLink,
            (stored, now) => SubscriberRules.Confirm(stored?.State, now), ct, subscriber);
        LogConfirm(logger, Subscriber.ShortId(subscriber.AggregateId), result.Outcome);
        return result;
    }

    public async Task<ChangeResult<Subscriber>> UnsubscribeAsync(Stored<Subscriber> subscriber, CancellationToken ct)
    {
        var result = await changes.ApplyAsync(kind, subscriber.AggregateId, AuditActors.SubscriberLink,
            (stored, now) => SubscriberRules.Unsubscribe(stored?.State, now), ct, subscriber);
        LogUnsubscribe(logger, Subscriber.ShortId(subscriber.AggregateId), result.Outcome);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailing list: subscribe request for subscriber {SubscriberId}: {Outcome}")]
    private static partial void LogSubscribe(ILogger logger, string subscriberId, SubscribeOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailing list: confirmation of subscriber {SubscriberId}: {Outcome}")]
    private static partial void LogConfirm(ILogger logger, string subscriberId, ChangeOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailing list: unsubscribe of subscriber {SubscriberId}: {Outcome}")]
    private static partial void LogUnsubscribe(ILogger logger, string subscriberId, ChangeOutcome outcome);
}
