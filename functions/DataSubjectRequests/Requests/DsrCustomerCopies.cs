using Azure.Data.Tables;
using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests.Due;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// Keeps the copy of the customer on each open request current (<see cref="DataSubjectRequest.Customer"/>): when the
/// customer is updated, every open request of it gets the new copy — at once, and once more after
/// <see cref="SecondPassAfter"/>, for a request whose intake read the customer just before the update and stored it
/// just after. A closed request keeps the copy it ended with. Copies are written without audit (the customer's own
/// audit entry records the change) and only over an older version.
/// </summary>
public sealed class DsrCustomerCopies(
    StorageAccount storage, DsrKind kind, AggregateChanges changes, CustomerDirectory customers, DueIndex due, TimeProvider clock)
    : ICustomerCopies
{
    /// <summary>Longer than an intake takes from reading the customer to storing the request.</summary>
    public static readonly TimeSpan SecondPassAfter = DsrForwarding.StoringGrace;

    private const int MaxAttempts = 5;

    /// <summary>The customer as <paramref name="request"/> uses it: its copy, or (a request stored before copies existed) the directory's.</summary>
    public async ValueTask<Customer?> OfAsync(DataSubjectRequest request, CancellationToken ct) =>
        request.Customer ?? (await customers.GetAsync(request.CustomerId, ct))?.Customer;

    public async Task RefreshAsync(string customerId, CancellationToken ct)
    {
        // The second pass first: written before any copy, it finishes the refresh if this process dies in the middle.
        await due.ScheduleAsync(new DueItem(DsrDueKinds.CustomerCopies, customerId, clock.GetUtcNow() + SecondPassAfter), ct);
        await RefreshOpenRequestsAsync(customerId, ct);
    }

    /// <returns>How many open requests got a newer copy.</returns>
    public async Task<int> RefreshOpenRequestsAsync(string customerId, CancellationToken ct)
    {
        if (await customers.GetAsync(customerId, ct) is not { } current) return 0;
        var table = await storage.TableAsync(kind.Table, ct);
        var open = string.Join(" or ", DsrStatuses.Wire.All
            .Where(w => DsrStatuses.Wire.TryParse(w, out var status) && status.IsOpen())
            .Select(w => TableClient.CreateQueryFilter($"Status eq {w}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customerId} and Aggregate eq {DsrKind.Type}") + $" and ({open})";
        var stale = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "CustomerVersion"], cancellationToken: ct))
            if ((row.GetInt64("CustomerVersion") ?? 0) < current.Version)
                stale.Add(row.RowKey);

        var refreshed = 0;
        foreach (var requestId in stale)
            if (await RefreshAsync(requestId, current, ct)) refreshed++;
        return refreshed;
    }

    private async Task<bool> RefreshAsync(string requestId, StoredCustomer current, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await changes.FindFlushedAsync(kind, requestId, ct) is not { } stored
                || !stored.State.Lifecycle.IsOpen || stored.State.CustomerVersion >= current.Version)
                return false;
            if (await changes.TryUpdateStateAsync(kind, stored, stored.State.WithCustomer(current), ct) is not null)
                return true;
        }
        throw new InvalidOperationException("The request kept changing while its copy of the customer was refreshed; the second pass retries.");
    }
}

/// <summary>The second pass of <see cref="DsrCustomerCopies"/> after a customer update (due kind <c>dsr.customer-copies</c>, item = the customer id).</summary>
public sealed class DsrCustomerCopiesPass(DsrCustomerCopies copies) : IDueHandler
{
    public string Kind => DsrDueKinds.CustomerCopies;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken) =>
        await copies.RefreshOpenRequestsAsync(hint.ItemKey, cancellationToken) > 0 ? DueOutcome.Done : DueOutcome.NothingDue;
}
