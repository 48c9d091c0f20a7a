using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Housekeeping;

/// <summary>The due kinds of family <c>housekeeping</c>: one standing hint, item <c>daily</c>.</summary>
public static class HousekeepingDueKinds
{
    public const string Family = "housekeeping";
    public const string Sweep = "housekeeping.sweep";
    public const string DailyItem = "daily";
}

/// <summary>What one batch of housekeeping did; <see cref="More"/>: a limit was reached, so more may be waiting.</summary>
public sealed record HousekeepingBatch(int ReplaysDeleted, int EmailsErased, bool More);

/// <summary>
/// Nothing is kept forever (docs/architecture.md, "Housekeeping"): when <c>housekeeping.sweep</c> falls due it deletes
/// the claimed webhook ids accepted more than <c>Housekeeping:WebhookIdRetention</c> ago and erases the address and
/// content of email deliveries settled (Sent/Failed) more than <c>Housekeeping:EmailContentRetention</c> ago, at most
/// <c>Housekeeping:BatchSize</c> of each per batch. A batch restarts its queries from the start instead of keeping a
/// continuation: what it handled no longer matches them (deleted, or erased to an empty address), so the next batch
/// reads the rows that follow. A full batch makes the hint due again at once (the timer runs the next batch); otherwise
/// it is due again a day later (less an hour, so that the next daily tick finds it due and no day is skipped).
/// </summary>
public sealed partial class HousekeepingSweepHandler(
    StorageAccount storage, EmailOutbox outbox, IOptions<HousekeepingOptions> options, ILogger<HousekeepingSweepHandler> logger) : IDueHandler
{
    /// <summary>When the hint is due again after a batch that finished the work: a day, less a margin for the timer's tick.</summary>
    public static readonly TimeSpan NextRunAfter = TimeSpan.FromDays(1) - TimeSpan.FromHours(1);

    public string Kind => HousekeepingDueKinds.Sweep;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = await RunBatchAsync(now, cancellationToken);
        var acted = batch.ReplaysDeleted + batch.EmailsErased > 0;
        return DueOutcome.Again(batch.More ? now : now + NextRunAfter, acted);
    }

    /// <summary>One bounded batch: old webhook ids deleted, old settled deliveries erased.</summary>
    public async Task<HousekeepingBatch> RunBatchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = options.Value.BatchSize;
        var replays = await DeleteOldReplaysAsync(now - options.Value.WebhookIdRetention, limit, cancellationToken);
        var emails = await EraseOldDeliveriesAsync(now - options.Value.EmailContentRetention, limit, cancellationToken);
        LogBatch(logger, replays.Count, emails.Count, replays.Full || emails.Full);
        return new HousekeepingBatch(replays.Count, emails.Count, replays.Full || emails.Full);
    }

    private async Task<(int Count, bool Full)> DeleteOldReplaysAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.Tables.WebhookReplays, cancellationToken);
        var old = await FirstAsync(table, TableClient.CreateQueryFilter($"AcceptedAt lt {cutoff}"), ["PartitionKey", "RowKey"], limit, cancellationToken);
        // One entity-group transaction per product (the PartitionKey) and 100 ids.
        foreach (var chunk in old.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One of them was deleted meanwhile (a concurrent run): delete the rest one by one.
                foreach (var row in chunk)
                    await DeleteIgnoringMissingAsync(table, row, cancellationToken);
            }
        }
        return (old.Count, old.Count >= limit);
    }

    private async Task<(int Count, bool Full)> EraseOldDeliveriesAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.Tables.EmailDeliveries, cancellationToken);
        // An erased delivery has an empty address, so it no longer matches: each batch reads only what is left to do.
        var sent = nameof(EmailDeliveryStatus.Sent);
        var failed = nameof(EmailDeliveryStatus.Failed);
        var filter = TableClient.CreateQueryFilter(
            $"((Status eq {sent} and SentAt lt {cutoff}) or (Status eq {failed} and FailedAt lt {cutoff})) and ToAddress gt {""}");
        var old = await FirstAsync(table, filter, ["PartitionKey"], limit, cancellationToken);
        var erased = 0;
        foreach (var row in old)
            if (await outbox.ErasePersonalDataAsync(row.PartitionKey, cancellationToken))
                erased++;
        return (erased, old.Count >= limit);
    }

    private static async Task<List<TableEntity>> FirstAsync(TableClient table, string filter, string[] select, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), select: select, cancellationToken: cancellationToken).AsPages())
        {
            rows.AddRange(page.Values.Take(limit - rows.Count));
            if (rows.Count >= limit) break;
        }
        return rows;
    }

    private static async Task DeleteIgnoringMissingAsync(TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping: {ReplaysDeleted} webhook ids deleted, {EmailsErased} email deliveries erased, more waiting: {More}")]
    private static partial void LogBatch(ILogger logger, int replaysDeleted, int emailsErased, bool more);
}
