using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Products;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// Which affected customers must be held away from a change's sub-processor at a given moment (SCC 2021/915 cl. 7.7:
/// the customer can object before the sub-processor is engaged): those whose objection window is still open — or has
/// not started, their notice not being delivered yet — and those whose objection is unresolved, accommodated or ended
/// in termination. A withdrawn objection holds no one.
/// </summary>
public sealed class HeldCustomers(AffectedCustomers customers, NoticeDeliveries deliveries, ObjectionStore objections, ProductCatalog catalog)
{
    /// <summary>How often a customer whose notice is not delivered yet is checked again.</summary>
    public static readonly TimeSpan UndeliveredRecheck = TimeSpan.FromDays(1);

    public sealed record Assessment(IReadOnlyList<Customer> Affected, IReadOnlyList<HeldCustomer> Held, IReadOnlyDictionary<string, ObjectionWindow> Windows);

    public async Task<Assessment> AssessAsync(SubProcessorChange change, DateTimeOffset now, CancellationToken ct)
    {
        var affected = await customers.AllAsync(change, ct);
        var windows = deliveries.Windows(await deliveries.ReadAsync(change.ChangeId, ct));
        var byCustomer = await objections.ForChangeAsync(change.ChangeId, ct);
        var held = new List<HeldCustomer>();
        foreach (var customer in affected)
        {
            var objection = byCustomer.GetValueOrDefault(customer.CustomerId);
            if (objection is { Holds: true })
                held.Add(new HeldCustomer(customer.CustomerId, HeldCustomer.ObjectionReason, null));
            else if (objection is null && (windows.GetValueOrDefault(customer.CustomerId) ?? new ObjectionWindow(customer.CustomerId, null, null)) is { } window
                     && window.IsOpenAt(now))
                held.Add(new HeldCustomer(customer.CustomerId, HeldCustomer.Window, window.EndsAt));
        }
        return new Assessment(affected, held, windows);
    }

    /// <summary>The products a change concerns: its own, or every product of the processor when it names none.</summary>
    public IReadOnlyList<string> ProductsOf(SubProcessorChange change) => change.Products.Count > 0 ? change.Products : catalog.Ids.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The customer's products the change concerns.</summary>
    public IEnumerable<string> ProductsOf(SubProcessorChange change, Customer customer) => customer.Products.Where(ProductsOf(change).Contains);

    /// <summary>When the next held-by-window customer may be released: its window's end, or a re-check for one not yet notified.</summary>
    public static DateTimeOffset? NextRelease(IEnumerable<HeldCustomer> held, DateTimeOffset now)
    {
        var windowHeld = held.Where(h => h.Reason == HeldCustomer.Window).ToArray();
        if (windowHeld.Length == 0) return null;
        var ends = windowHeld.Select(h => h.WindowEndsAt ?? now + UndeliveredRecheck);
        return ends.Min();
    }
}
