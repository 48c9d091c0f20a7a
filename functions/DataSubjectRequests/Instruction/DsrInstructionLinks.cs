using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// What an instruction link opens, for <see cref="LinkPageGate"/>: the request the link names, with its customer
/// (for the time zone and name). A link names its customer and never opens another customer's request (401, as a
/// forged link); a genuine link whose request or customer no longer exists is a 404.
/// </summary>
public sealed class DsrInstructionLinks(DsrStore store, DsrCustomerCopies customers) : ILinkedItemLoader<DsrLinkedRequest>
{
    public string Purpose => LinkPurposes.DsrInstruction;

    public async Task<LinkedItem<DsrLinkedRequest>> LoadAsync(string requestId, string customerId, CancellationToken ct)
    {
        var stored = await store.FindAsync(requestId, ct);
        if (stored is not null && stored.Request.CustomerId != customerId)
            return LinkedItem<DsrLinkedRequest>.NotTheirs();
        var customer = stored is null ? null : await customers.OfAsync(stored.Request, ct);
        return stored is null || customer is null
            ? LinkedItem<DsrLinkedRequest>.NotFound($"Data subject request '{requestId}'")
            : LinkedItem<DsrLinkedRequest>.Found(new DsrLinkedRequest(stored.Request, customer) { Stored = stored });
    }
}
