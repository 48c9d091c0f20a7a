using Azure;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Email;

/// <summary>Reads and writes delivery records; every update is conditional on the ETag that was read.</summary>
public sealed class EmailDeliveryStore(StorageAccount storage)
{
    /// <summary>Inserts a new record; its ETag, or null when a record with that key already exists.</summary>
    public async Task<ETag?> TryInsertAsync(EmailDelivery delivery, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(EmailNames.DeliveriesTable, cancellationToken);
        return await table.TryAddAsync(delivery.ToEntity(), cancellationToken);
    }

    public async Task<(EmailDelivery Delivery, ETag ETag)?> GetAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(idempotencyKey)) return null;
        var table = await storage.TableAsync(EmailNames.DeliveriesTable, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(idempotencyKey, EmailDelivery.RowKeyValue, cancellationToken: cancellationToken);
        return response.HasValue ? (EmailDelivery.FromEntity(response.Value!), response.Value!.ETag) : null;
    }

    /// <summary>
    /// The keys that start with <paramref name="prefix"/>: one range read over the sorted PartitionKeys (the key
    /// is the PartitionKey), so it costs what it returns, not what the table holds.
    /// </summary>
    public async Task<IReadOnlyList<string>> KeysStartingWithAsync(string prefix, CancellationToken cancellationToken = default)
    {
        TableKeys.EnsureValid(prefix, nameof(prefix));
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var table = await storage.TableAsync(EmailNames.DeliveriesTable, cancellationToken);
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"),
                           select: ["PartitionKey"], cancellationToken: cancellationToken))
            keys.Add(row.PartitionKey);
        return keys;
    }

    /// <summary>Replaces the record if it is unchanged since <paramref name="etag"/>; returns the new ETag, or null when someone else changed it.</summary>
    public async Task<ETag?> TryUpdateAsync(EmailDelivery delivery, ETag etag, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(EmailNames.DeliveriesTable, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(delivery.ToEntity(), etag, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }
}
