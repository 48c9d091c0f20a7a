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

    /// <summary>The keys that start with <paramref name="prefix"/> (see <see cref="ProofsStartingWithAsync"/>).</summary>
    public async Task<IReadOnlyList<string>> KeysStartingWithAsync(string prefix, CancellationToken cancellationToken = default) =>
        (await ProofsStartingWithAsync(prefix, cancellationToken)).Select(p => p.Key).ToArray();

    /// <summary>
    /// The proof columns (no address, no content) of every delivery whose key starts with <paramref name="prefix"/>: one
    /// range read over the sorted PartitionKeys (paged by the service at 1,000), costing what it returns.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryProof>> ProofsStartingWithAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(EmailNames.DeliveriesTable, cancellationToken);
        var proofs = new List<DeliveryProof>();
        await foreach (var row in table.QueryAsync<TableEntity>(KeysStartingWith(prefix),
                           select: ["PartitionKey", "Status", "SentAt", "FailedAt", "FailureReason"], cancellationToken: cancellationToken))
            proofs.Add(new DeliveryProof(row.PartitionKey, Enum.Parse<EmailDeliveryStatus>(row.GetString("Status")),
                row.GetDateTimeOffset("SentAt"), row.GetDateTimeOffset("FailedAt"), row.GetString("FailureReason")));
        return proofs;
    }

    /// <summary>Every delivery record whose key starts with <paramref name="prefix"/>, whole, with its ETag (one range read).</summary>
    public async Task<IReadOnlyList<(EmailDelivery Delivery, ETag ETag)>> StartingWithAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(EmailNames.DeliveriesTable, cancellationToken);
        var records = new List<(EmailDelivery, ETag)>();
        await foreach (var row in table.QueryAsync<TableEntity>(KeysStartingWith(prefix), cancellationToken: cancellationToken))
            records.Add((EmailDelivery.FromEntity(row), row.ETag));
        return records;
    }

    /// <summary>The range of PartitionKeys (delivery keys) that start with <paramref name="prefix"/>.</summary>
    private static string KeysStartingWith(string prefix)
    {
        TableKeys.EnsureValid(prefix, nameof(prefix));
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}");
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

/// <summary>What a delivery record proves, without its address or content: which key, its status, when sent or why it failed.</summary>
public sealed record DeliveryProof(string Key, EmailDeliveryStatus Status, DateTimeOffset? SentAt, DateTimeOffset? FailedAt, string? FailureReason);
