using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Due;

/// <summary>
/// The due index (docs/architecture.md): one row per pending time-based obligation. PartitionKey =
/// <c>{family}~{yyyyMMddHH}</c> (the capability family of the kind and the UTC hour it is due in), RowKey = due
/// ticks + kind + item. Table storage keeps rows sorted by (PartitionKey, RowKey) and handled hints are deleted, so
/// "what of this family is due now" is one range read from the family's first hour to the current one: its cost
/// grows with the family's due items, not with what is stored — and not with another family's backlog.
/// A row is a hint: the sweep re-reads the aggregate's state, acts if still due, then <see cref="CompleteAsync"/>.
/// Writing the hint before the state change is what lets a sweep recover work a crash interrupted.
/// </summary>
public sealed class DueIndex(StorageAccount storage)
{
    private const string BucketFormat = "yyyyMMddHH";

    public async Task ScheduleAsync(DueItem item, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.Tables.DueIndex, cancellationToken);
        await table.UpsertEntityAsync(ToValidEntity(item), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Schedules many hints with one entity-group transaction per partition (≤ 100 rows each).</summary>
    public async Task ScheduleManyAsync(IEnumerable<DueItem> items, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.Tables.DueIndex, cancellationToken);
        foreach (var bucket in items.Select(ToValidEntity).GroupBy(e => e.PartitionKey))
            foreach (var chunk in bucket.Chunk(100))
                await table.SubmitTransactionAsync(
                    chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
    }

    /// <summary>Moves a hint to <paramref name="next"/> (written first, so a crash in between leaves both, never neither).</summary>
    public async Task MoveAsync(DueItem current, DueItem next, CancellationToken cancellationToken = default)
    {
        await ScheduleAsync(next, cancellationToken);
        var (from, to) = (ToEntity(current), ToEntity(next));
        if (from.PartitionKey != to.PartitionKey || from.RowKey != to.RowKey)
            await CancelAsync(current, cancellationToken);
    }

    /// <summary>Removes the hint; cancelling one that is not there (already handled or never written) is fine.</summary>
    public async Task CancelAsync(DueItem item, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.Tables.DueIndex, cancellationToken);
        var entity = ToEntity(item);
        await DeleteIgnoringMissingAsync(table, entity.PartitionKey, entity.RowKey, cancellationToken);
    }

    /// <summary>Marks a due hint as handled (deletes it). Safe when two sweeps handle the same hint.</summary>
    public Task CompleteAsync(DueItem item, CancellationToken cancellationToken = default) => CancelAsync(item, cancellationToken);

    /// <summary>
    /// The hints of <paramref name="kind"/>'s family due at or before <paramref name="now"/>, oldest first, at most
    /// <paramref name="max"/>. <paramref name="kind"/> is a family (<c>dsr</c>), a prefix (<c>dsr.</c>) or an exact kind
    /// (<c>email.delivery</c>); only hints whose kind starts with it are returned and counted.
    /// </summary>
    public async Task<IReadOnlyList<DueItem>> ReadDueAsync(DateTimeOffset now, string kind, int max = 500, CancellationToken cancellationToken = default)
    {
        var family = DueItem.FamilyOf(kind);
        TableKeys.EnsureValid(family, nameof(kind));
        var table = await storage.TableAsync(StorageNames.Tables.DueIndex, cancellationToken);
        var currentBucket = Partition(family, now);
        var nowTicks = RowKeyPrefix(now);
        var due = new List<DueItem>();
        // One range over the sorted keys: the family's partitions up to and including the current hour.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {family + "~"} and PartitionKey le {currentBucket}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).AsPages())
        {
            foreach (var entity in page.Values)
            {
                if (string.CompareOrdinal(entity.PartitionKey, currentBucket) == 0 && string.CompareOrdinal(entity.RowKey, nowTicks) > 0)
                    return due; // later in the current hour: nothing after this is due yet
                var item = FromEntity(entity);
                if (item.Kind.StartsWith(kind, StringComparison.Ordinal))
                    due.Add(item);
                if (due.Count >= max)
                    return due;
            }
        }
        return due;
    }

    /// <summary>
    /// The hint of <paramref name="kind"/> for <paramref name="itemKey"/>, whenever it is due (null when there is none):
    /// for a standing obligation that keeps one hint (e.g. a daily sweep) and must be scheduled once. Reads the whole
    /// family's range, so its cost grows with the family's hints: for families with a handful of hints.
    /// </summary>
    public async Task<DueItem?> FindAsync(string kind, string itemKey, CancellationToken cancellationToken = default)
    {
        var family = DueItem.FamilyOf(kind);
        TableKeys.EnsureValid(family, nameof(kind));
        var table = await storage.TableAsync(StorageNames.Tables.DueIndex, cancellationToken);
        // '~' sorts after every digit: the range holds every hour bucket of the family.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {family + "~"} and PartitionKey lt {family + "~~"} and Kind eq {kind} and ItemKey eq {itemKey}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
            return FromEntity(entity);
        return null;
    }

    internal static string Partition(string family, DateTimeOffset at) =>
        family + "~" + at.UtcDateTime.ToString(BucketFormat, CultureInfo.InvariantCulture);

    // Fixed-width ticks make lexical order equal time order; '~' sorts after every digit so the prefix
    // bound includes every row due at exactly "now".
    private static string RowKeyPrefix(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~";

    private static TableEntity ToValidEntity(DueItem item)
    {
        TableKeys.EnsureValid(item.Kind, nameof(item.Kind));
        TableKeys.EnsureValid(item.ItemKey, nameof(item.ItemKey));
        if (item.Kind.Contains('|') || item.Kind.Contains('~')) throw new ArgumentException("A due kind must not contain '|' or '~'.", nameof(item));
        return ToEntity(item);
    }

    private static TableEntity ToEntity(DueItem item) => new(Partition(item.Family, item.DueAt),
        $"{item.DueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{item.Kind}|{item.ItemKey}")
    {
        ["Kind"] = item.Kind,
        ["ItemKey"] = item.ItemKey,
        ["DueAt"] = item.DueAt.ToUniversalTime(),
        ["Failures"] = item.Failures,
    };

    private static DueItem FromEntity(TableEntity entity) => new(
        entity.GetString("Kind"), entity.GetString("ItemKey"), entity.GetDateTimeOffset("DueAt")!.Value)
    {
        Failures = entity.GetInt32("Failures") ?? 0,
    };

    private static async Task DeleteIgnoringMissingAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
