using Azure;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>A request as read, with what the capability kit keeps beside it (ETag, pending effects, audit head).</summary>
public sealed record StoredDsr(Stored<DataSubjectRequest> Aggregate)
{
    public DataSubjectRequest Request => Aggregate.State;
    public ETag ETag => Aggregate.ETag;
    public IReadOnlyList<PendingEffect> PendingEffects => Aggregate.PendingEffects;
}

/// <summary>
/// Reads requests and keeps the intake claims: PartitionKey <c>intake~{productId}</c>, RowKey = the product's external
/// id — the natural idempotency key (docs/architecture.md), pointing at the request id. Requests are written only
/// through <see cref="DsrChanges"/> (the capability kit).
/// </summary>
public sealed class DsrStore(StorageAccount storage, DsrKind kind, AggregateChanges changes)
{
    public const string TableName = StorageNames.Tables.DataSubjectRequests;

    private Task<TableClient> TableAsync(CancellationToken ct) => storage.TableAsync(TableName, ct);

    private static string IntakePartition(string productId) => "intake~" + productId;

    /// <summary>The request id already given to <c>(productId, externalId)</c>, if any.</summary>
    public async Task<string?> FindIntakeAsync(string productId, string externalId, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(IntakePartition(productId), externalId, ["RequestId"], ct);
        return row.HasValue ? row.Value!.GetString("RequestId") : null;
    }

    /// <summary>
    /// Claims the natural key for a request id with one insert-if-absent; returns the id that holds it and whether this
    /// call claimed it (false: an earlier intake did, and the id is the one it claimed).
    /// </summary>
    public async Task<(string RequestId, bool Claimed)> ClaimIntakeAsync(string productId, string externalId, string requestId, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        return await table.TryAddAsync(new TableEntity(IntakePartition(productId), externalId) { ["RequestId"] = requestId }, ct) is not null
            ? (requestId, true)
            : ((await FindIntakeAsync(productId, externalId, ct))!, false);
    }

    public async Task<StoredDsr?> FindAsync(string requestId, CancellationToken ct) =>
        RequestIds.CustomerOf(requestId) is not null && await changes.FindAsync(kind, requestId, ct) is { } stored ? new StoredDsr(stored) : null;

    /// <summary>One page of a customer's requests, in request-id order (Table order; newest first is not possible).</summary>
    public async Task<(IReadOnlyList<DataSubjectRequest> Items, string? ContinuationToken)> ListAsync(
        string customerId, DsrStatus? status, int pageSize, string? continuationToken, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        // The partition also holds each request's audit entries: only aggregate rows of kind dsr are requests.
        var filter = status is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {customerId} and Aggregate eq {DsrKind.Type}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {customerId} and Aggregate eq {DsrKind.Type} and Status eq {status.Value.ToWire()}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: ct).AsPages(continuationToken, pageSize))
            return (page.Values.Select(e => AggregateRows.FromEntity(kind, e.RowKey, e).State).ToArray(), page.ContinuationToken);
        return ([], null);
    }
}
