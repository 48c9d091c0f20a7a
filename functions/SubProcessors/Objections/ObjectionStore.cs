using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors;

/// <summary>Reads objections (written only through the kit): one change's, or the DPO office's filtered, paged list.</summary>
public sealed class ObjectionStore(StorageAccount storage, ObjectionKind kind, AggregateChanges changes)
{
    public async Task<Objection?> FindAsync(string objectionId, CancellationToken ct) =>
        kind.IsValidId(objectionId) && await changes.FindAsync(kind, objectionId, ct) is { } stored ? stored.State : null;

    /// <summary>The objections to one change, by customer.</summary>
    public async Task<IReadOnlyDictionary<string, Objection>> ForChangeAsync(string changeId, CancellationToken ct)
    {
        var table = await storage.TableAsync(kind.Table, ct);
        var result = new Dictionary<string, Objection>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Aggregate eq {ObjectionKind.Type} and ChangeId eq {changeId}"), cancellationToken: ct))
        {
            var objection = AggregateRows.FromEntity(kind, row.PartitionKey, row).State;
            result[objection.CustomerId] = objection;
        }
        return result;
    }

    public async Task<(IReadOnlyList<Objection> Items, string? ContinuationToken)> ListAsync(
        ObjectionStatus? status, string? changeId, int pageSize, string? storeContinuation, CancellationToken ct)
    {
        var table = await storage.TableAsync(kind.Table, ct);
        var filter = TableClient.CreateQueryFilter($"Aggregate eq {ObjectionKind.Type}");
        if (status is { } s) filter += " and " + TableClient.CreateQueryFilter($"Status eq {s.ToWire()}");
        if (changeId is not null) filter += " and " + TableClient.CreateQueryFilter($"ChangeId eq {changeId}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: ct).AsPages(storeContinuation, pageSize))
            return (page.Values.Select(r => AggregateRows.FromEntity(kind, r.PartitionKey, r).State).ToArray(), page.ContinuationToken);
        return ([], null);
    }
}
