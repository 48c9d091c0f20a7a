using Azure.Data.Tables;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// The customers a change affects: those using one of its products, or every customer when it names none. Read from
/// the customer directory in pages (the fan-out) or whole (activation, the DPO's delivery view).
/// </summary>
public sealed class AffectedCustomers(StorageAccount storage, CustomerKind kind)
{
    /// <summary>At most 10 privacy contacts per customer (the directory's limit), so a page of 10 is at most 100 recipients.</summary>
    public const int PageSize = 10;

    public async Task<(IReadOnlyList<Customer> Customers, string? Continuation)> PageAsync(SubProcessorChange change, string? continuation, CancellationToken ct)
    {
        var table = await storage.TableAsync(StorageNames.Tables.Customers, ct);
        await foreach (var page in table.QueryAsync<TableEntity>(Filter, PageSize, cancellationToken: ct).AsPages(continuation, PageSize))
            return (Affected(change, page.Values), page.ContinuationToken);
        return ([], null);
    }

    public async Task<IReadOnlyList<Customer>> AllAsync(SubProcessorChange change, CancellationToken ct)
    {
        var table = await storage.TableAsync(StorageNames.Tables.Customers, ct);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(Filter, cancellationToken: ct))
            rows.Add(row);
        return Affected(change, rows);
    }

    private string Filter => TableClient.CreateQueryFilter($"Aggregate eq {CustomerKind.Type}");

    private Customer[] Affected(SubProcessorChange change, IEnumerable<TableEntity> rows) =>
        rows.Select(r => AggregateRows.FromEntity(kind, r.PartitionKey, r).State).Where(c => c.Status == CustomerStatus.Active && change.Affects(c.Products)).ToArray();
}
