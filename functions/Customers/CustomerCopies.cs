using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.Customers;

/// <summary>
/// A capability that keeps a copy of the customer on its own records, so that reading one of them needs no second
/// read of the customer, and brings the copies up to date when the customer changes (<see cref="RefreshCustomerCopies"/>).
/// </summary>
public interface ICustomerCopies
{
    Task RefreshAsync(string customerId, CancellationToken cancellationToken);
}

/// <summary>The effect of every update of a customer: the capabilities that copy it refresh their copies.</summary>
public sealed record RefreshCustomerCopies(string CustomerId, long Version) : IEffect
{
    public string OnceKey => $"customer.refresh-copies.{Version}";
}

/// <summary>Refreshes every capability's copies (each idempotent: it copies the customer as it is now).</summary>
public sealed class RefreshCustomerCopiesHandler(IEnumerable<ICustomerCopies> copies) : IEffectHandler<RefreshCustomerCopies>
{
    public async Task PerformAsync(RefreshCustomerCopies effect, EffectContext context, CancellationToken cancellationToken)
    {
        foreach (var keeper in copies)
            await keeper.RefreshAsync(effect.CustomerId, cancellationToken);
    }
}
