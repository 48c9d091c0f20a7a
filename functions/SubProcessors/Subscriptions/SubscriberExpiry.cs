using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>
/// <see cref="SubProcessorDueKinds.SubscriberExpiry"/>: an address still unconfirmed <c>SubProcessors:UnconfirmedRetention</c>
/// after it asked is erased (status <c>expired</c>, the hash stays), and so are the address and content of its
/// confirmation emails' delivery records. A hint of a subscriber that confirmed, left or asked again later is stale
/// (a later request wrote its own hint); a delivery still being sent is erased on the next try, an hour later.
/// </summary>
public sealed class SubscriberExpiry(AggregateChanges changes, SubscriberKind kind, EmailOutbox outbox, IOptions<SubProcessorOptions> options) : IDueHandler
{
    public static readonly TimeSpan RetryErasureAfter = TimeSpan.FromHours(1);

    public string Kind => SubProcessorDueKinds.SubscriberExpiry;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!kind.IsValidId(hint.ItemKey)) return DueOutcome.NothingDue;
        var stored = await changes.FindFlushedAsync(kind, hint.ItemKey, cancellationToken);
        if (stored is null) return DueOutcome.NothingDue;
        var retention = options.Value.UnconfirmedRetention;
        var state = stored.State;
        if (state.Status == SubscriberStatus.Pending && now < state.RequestedAt + retention)
            return DueOutcome.Again(state.RequestedAt + retention, acted: false);

        var acted = false;
        if (state.Status == SubscriberStatus.Pending)
        {
            var result = await changes.ApplyAsync(kind, hint.ItemKey, AuditActors.System,
                (current, at) => SubscriberRules.Expire(current?.State, at, retention), cancellationToken, stored);
            if (result.Outcome == ChangeOutcome.Conflict)
                throw new InvalidOperationException("The subscriber kept changing concurrently; the sweep retries.");
            acted = result.Outcome == ChangeOutcome.Changed;
            state = result.Stored?.State ?? state;
        }
        if (state.Status != SubscriberStatus.Expired) return DueOutcome.NothingDue; // confirmed, or left (and erased) already

        var erased = await outbox.ErasePersonalDataByPrefixAsync(
            SendSubscriptionConfirmationHandler.KeyPrefix(Subscriber.ShortId(hint.ItemKey)), cancellationToken);
        return erased ? (acted ? DueOutcome.Done : DueOutcome.NothingDue) : DueOutcome.Again(now + RetryErasureAfter, acted);
    }
}
