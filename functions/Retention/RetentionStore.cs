using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Retention;

/// <summary>Reads dispositions and holds (written only through the kit): by id, and a customer's.</summary>
public sealed class RetentionStore(StorageAccount storage, AggregateChanges changes, DispositionKind dispositions, LegalHoldKind holds)
{
    public async Task<Stored<Disposition>?> DispositionAsync(string id, CancellationToken ct) =>
        dispositions.IsValidId(id) ? await changes.FindFlushedAsync(dispositions, id, ct) : null;

    public async Task<Stored<LegalHold>?> HoldAsync(string id, CancellationToken ct) =>
        holds.IsValidId(id) ? await changes.FindFlushedAsync(holds, id, ct) : null;

    public Task<IReadOnlyList<Disposition>> DispositionsOfAsync(string customerId, CancellationToken ct) => OfCustomerAsync(dispositions, customerId, ct);

    public Task<IReadOnlyList<LegalHold>> HoldsOfAsync(string customerId, CancellationToken ct) => OfCustomerAsync(holds, customerId, ct);

    private async Task<IReadOnlyList<T>> OfCustomerAsync<T>(AggregateKind<T> kind, string customerId, CancellationToken ct)
    {
        var table = await storage.TableAsync(StorageNames.Tables.Retention, ct);
        var result = new List<T>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Aggregate eq {kind.AggregateType} and CustomerId eq {customerId}"), cancellationToken: ct))
            result.Add(AggregateRows.FromEntity(kind, row.PartitionKey, row).State);
        return result;
    }
}
