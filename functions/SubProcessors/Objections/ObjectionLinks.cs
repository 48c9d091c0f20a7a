using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.SubProcessors;

/// <summary>What an objection link opens: the change, the customer the link was issued to, its window and its objection.</summary>
public sealed record ObjectionVisit(SubProcessorChange Change, Customer Customer, ObjectionWindow Window, Objection? Objection);

/// <summary>
/// The loader behind the objection page (<see cref="LinkPageGate"/>): the link names a customer and a change; a customer
/// the change does not affect, or that no longer exists, is answered like a forged link (401); an unknown change is 404.
/// </summary>
public sealed class ObjectionLinks(AggregatesOfSubProcessors aggregates, CustomerDirectory customers, NoticeDeliveries deliveries, ObjectionStore objections)
    : ILinkedItemLoader<ObjectionVisit>
{
    /// <summary>How long after the latest possible window end a link still opens the page (to see the objection's status).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(30);

    public string Purpose => LinkPurposes.SubProcessorObjection;

    public async Task<LinkedItem<ObjectionVisit>> LoadAsync(string changeId, string customerId, CancellationToken ct)
    {
        if (await aggregates.ChangeAsync(changeId, ct) is not { } change)
            return LinkedItem<ObjectionVisit>.NotFound($"Sub-processor change '{changeId}'");
        if ((await customers.GetAsync(customerId, ct))?.Customer is not { } customer || !change.Affects(customer.Products))
            return LinkedItem<ObjectionVisit>.NotTheirs();
        var window = await deliveries.WindowOfAsync(changeId, customerId, ct);
        var objection = await objections.FindAsync(Objection.IdFor(changeId, customerId), ct);
        return LinkedItem<ObjectionVisit>.Found(new ObjectionVisit(change, customer, window, objection));
    }
}
