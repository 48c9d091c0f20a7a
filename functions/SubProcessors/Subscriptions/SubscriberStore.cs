using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>Reads subscribers by the short id their links carry (the row is keyed by the whole hash).</summary>
public sealed class SubscriberStore(StorageAccount storage, SubscriberKind kind)
{
    /// <summary>
    /// The subscriber whose hash starts with <paramref name="shortId"/> (16 hex digits): one range query over the
    /// partitions with that prefix, reading the subscriber rows only. Null when there is none (or the id is malformed).
    /// </summary>
    public async Task<Stored<Subscriber>?> FindByShortIdAsync(string shortId, CancellationToken cancellationToken)
    {
        if (!SubscriberKind.ShortIdPattern().IsMatch(shortId)) return null;
        var table = await storage.TableAsync(kind.Table, cancellationToken);
        // Hex digits sort below 'g', so [shortId, shortId + "g") holds exactly the hashes with this prefix.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {shortId} and PartitionKey lt {shortId + "g"} and RowKey eq {SubscriberKind.SubscriberRow}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
            return kind.IsValidId(entity.PartitionKey) ? AggregateRows.FromEntity(kind, entity.PartitionKey, entity) : null;
        return null;
    }
}
