using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.DataSubjectRequests;

public sealed record StoredDsr(DataSubjectRequest Request, ETag ETag);

/// <summary>
/// Table <c>DataSubjectRequests</c>. A request row: PartitionKey = customer id (the customer's list is one
/// partition), RowKey = request id, the request as JSON plus <c>Status</c> and <c>ReceivedAt</c> columns for
/// listing. An intake row: PartitionKey <c>intake~{productId}</c>, RowKey = the product's external id — the
/// natural idempotency key (docs/architecture.md), pointing at the request id.
/// </summary>
public sealed class DsrStore(StorageAccount storage)
{
    public const string TableName = StorageNames.Tables.DataSubjectRequests;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private Task<TableClient> TableAsync(CancellationToken ct) => storage.TableAsync(TableName, ct);

    private static string IntakePartition(string productId) => "intake~" + productId;

    /// <summary>The request id already given to <c>(productId, externalId)</c>, if any.</summary>
    public async Task<string?> FindIntakeAsync(string productId, string externalId, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(IntakePartition(productId), externalId, ["RequestId"], ct);
        return row.HasValue ? row.Value!.GetString("RequestId") : null;
    }

    /// <summary>Claims the natural key for a request id; returns the id that holds it (ours, or an earlier one).</summary>
    public async Task<string> ClaimIntakeAsync(string productId, string externalId, string requestId, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        return await table.TryAddAsync(new TableEntity(IntakePartition(productId), externalId) { ["RequestId"] = requestId }, ct) is not null
            ? requestId
            : (await FindIntakeAsync(productId, externalId, ct))!;
    }

    public async Task<StoredDsr?> FindAsync(string requestId, CancellationToken ct)
    {
        var customerId = RequestIds.CustomerOf(requestId);
        if (customerId is null) return null;
        var table = await TableAsync(ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customerId, requestId, cancellationToken: ct);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>Inserts a new request; false when it already exists (a repeated intake).</summary>
    public async Task<bool> TryAddAsync(DataSubjectRequest request, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        return await table.TryAddAsync(ToEntity(request), ct) is not null;
    }

    /// <summary>Replaces the request if it is unchanged since it was read; null when someone else changed it first.</summary>
    public async Task<StoredDsr?> TryReplaceAsync(DataSubjectRequest request, ETag etag, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        return await table.TryUpdateAsync(ToEntity(request), etag, TableUpdateMode.Replace, ct) is { } written
            ? new StoredDsr(request, written)
            : null;
    }

    /// <summary>One page of a customer's requests, newest first is not possible in Table order, so oldest first.</summary>
    public async Task<(IReadOnlyList<DataSubjectRequest> Items, string? ContinuationToken)> ListAsync(
        string customerId, DsrStatus? status, int pageSize, string? continuationToken, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var filter = status is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {customerId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {customerId} and Status eq {status.Value.ToWire()}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: ct).AsPages(continuationToken, pageSize))
            return (page.Values.Select(e => FromEntity(e).Request).ToArray(), page.ContinuationToken);
        return ([], null);
    }

    private static TableEntity ToEntity(DataSubjectRequest request) => new(request.CustomerId, request.RequestId)
    {
        ["Document"] = JsonSerializer.Serialize(request, Json),
        ["Status"] = request.Status.ToWire(),
        ["ReceivedAt"] = request.ReceivedAt.ToUniversalTime(),
    };

    private static StoredDsr FromEntity(TableEntity entity) =>
        new(JsonSerializer.Deserialize<DataSubjectRequest>(entity.GetString("Document"), Json)!, entity.ETag);
}
