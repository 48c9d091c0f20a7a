using Azure;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Events;

/// <summary>
/// The embedded transport: one row per event in the IntegrationEvents table (PartitionKey = UTC day of the
/// event, RowKey = event id). Inserting an id that is already there is a no-op, as duplicate detection is
/// on the topic.
/// </summary>
public sealed class TableEventPublisher(StorageAccount storage, Microsoft.Extensions.Options.IOptions<IntegrationEventOptions> options) : IIntegrationEventPublisher
{
    public async Task PublishAsync(IntegrationEvent e, CancellationToken cancellationToken = default)
    {
        TableKeys.EnsureValid(e.Id, "event id");
        var table = await storage.TableAsync(StorageNames.Tables.IntegrationEvents, cancellationToken);
        var entity = new TableEntity(PartitionOf(e.Time), e.Id)
        {
            ["Type"] = e.Type,
            ["Subject"] = e.Subject,
            ["ProductId"] = e.ProductId,
            ["Time"] = e.Time.ToUniversalTime(),
            ["CloudEvent"] = CloudEventEnvelope.Serialize(e, options.Value.Source),
        };
        await table.TryAddAsync(entity, cancellationToken); // null: already published by an earlier attempt of the same step
    }

    public static string PartitionOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd");
}
