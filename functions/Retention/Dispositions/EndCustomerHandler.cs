using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.Retention;

/// <summary>
/// After the final certificate of a whole contract: the processor's own copy of the customer's personal data is erased
/// (<see cref="CustomerEnding"/>). A delivery still being sent cannot be erased yet: the effect then fails and is
/// retried (by the next touch or the effects hint) until everything is erased.
/// </summary>
public sealed class EndCustomerHandler(CustomerEnding ending) : IEffectHandler<EndCustomer>
{
    public async Task PerformAsync(EndCustomer effect, EffectContext context, CancellationToken ct)
    {
        var result = await ending.EndAsync(effect.CustomerId, ct);
        if (result.Outcome == CustomerEndOutcome.Ended && !result.Complete)
            throw new InvalidOperationException($"Customer {effect.CustomerId} is ended but {result.EmailsPending} email(s) and {result.RequestsPending} request(s) could not be erased yet; retried.");
    }
}
