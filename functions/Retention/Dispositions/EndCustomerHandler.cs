using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Retention;

/// <summary>
/// After the final certificate of a whole contract: the processor's own copy of the customer's personal data is erased
/// (<see cref="CustomerEnding"/>). A delivery still being sent cannot be erased yet: a <c>retention.end-customer</c>
/// hint then finishes the erasure later — the confirmation that led here is not failed for it.
/// </summary>
public sealed class EndCustomerHandler(CustomerEnding ending, DueIndex due, TimeProvider clock) : IEffectHandler<EndCustomer>
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(15);

    public async Task PerformAsync(EndCustomer effect, EffectContext context, CancellationToken ct)
    {
        var result = await ending.EndAsync(effect.CustomerId, ct);
        if (result.Outcome == CustomerEndOutcome.Ended && !result.Complete)
            await due.ScheduleAsync(new DueItem(RetentionDueKinds.EndCustomer, effect.CustomerId, clock.GetUtcNow() + RetryAfter), ct);
    }
}

/// <summary>Finishes erasing an ended customer's own copy once the deliveries that were still being sent have settled.</summary>
public sealed class EndCustomerRetry(CustomerEnding ending) : IDueHandler
{
    public string Kind => RetentionDueKinds.EndCustomer;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        var result = await ending.EndAsync(hint.ItemKey, ct);
        return result.Outcome != CustomerEndOutcome.Ended || result.Complete ? DueOutcome.Done : DueOutcome.Again(now + EndCustomerHandler.RetryAfter, acted: false);
    }
}
