using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>
/// The global cap on confirmation emails: at most <c>SubProcessors:MaxConfirmationsPerHour</c> per UTC clock hour, all
/// addresses together (so the public subscribe endpoint cannot be used to mail-bomb or to burn the sender's
/// reputation). One counter row per hour in the subscribers' table (PartitionKey <c>rate~yyyyMMddHH</c>, RowKey
/// <c>confirmations</c>), incremented conditionally on its ETag. A slot that cannot be taken is not taken: over the
/// cap, or still contended after a few attempts, nothing is sent.
/// </summary>
public sealed class ConfirmationRateLimit(StorageAccount storage, IOptions<SubProcessorOptions> options, TimeProvider clock)
{
    public const string PartitionPrefix = "rate~";
    public const string CounterRow = "confirmations";
    private const string CountColumn = "Count";
    private const int MaxAttempts = 8;

    public static string Partition(DateTimeOffset at) => PartitionPrefix + at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>Takes one confirmation slot of the current hour; false when the hour's cap is reached.</summary>
    public async Task<bool> TryTakeAsync(CancellationToken cancellationToken)
    {
        var partition = Partition(clock.GetUtcNow());
        var max = options.Value.MaxConfirmationsPerHour;
        var table = await storage.TableAsync(StorageNames.Tables.SubProcessorSubscribers, cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRow, cancellationToken: cancellationToken);
            if (!current.HasValue)
            {
                if (await table.TryAddAsync(new TableEntity(partition, CounterRow) { [CountColumn] = 1 }, cancellationToken) is not null)
                    return true;
                continue; // someone created it first: read it
            }
            var count = current.Value!.GetInt32(CountColumn) ?? 0;
            if (count >= max) return false;
            var next = new TableEntity(partition, CounterRow) { [CountColumn] = count + 1 };
            if (await table.TryUpdateAsync(next, current.Value.ETag, TableUpdateMode.Replace, cancellationToken) is not null)
                return true;
        }
        return false;
    }
}
