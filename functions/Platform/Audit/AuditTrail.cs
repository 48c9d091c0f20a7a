using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Audit;

/// <summary>
/// The append-only, hash-chained audit trail (docs/audit.md). One partition per aggregate
/// (<c>{aggregateType}|{aggregateId}</c>) holds its entries (RowKey = zero-padded sequence) and a head row
/// (last sequence and hash). An append reads the head, then inserts the entry and updates the head in one
/// entity-group transaction conditional on the head's ETag, so concurrent appends never fork the chain:
/// the loser of a race re-reads the head and tries again.
/// </summary>
public sealed partial class AuditTrail(StorageAccount storage, AuditLocations locations, TimeProvider clock, ILogger<AuditTrail> logger)
{
    public const int MaxDataBytes = 8 * 1024;
    private const int MaxAttempts = 30;

    // Relaxed escaping keeps exported data readable; it is never embedded in HTML.
    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool IsValidAggregateType(string? value) => value is not null && AggregateTypePattern().IsMatch(value);
    public static bool IsValidAggregateId(string? value) => value is not null && AggregateIdPattern().IsMatch(value);

    /// <summary>
    /// Appends an entry. <paramref name="data"/> is serialized to a JSON object (e.g. an anonymous object of ids,
    /// states and counts; at most <see cref="MaxDataBytes"/>); it must never contain personal data.
    /// Arguments are the caller's own validated values, so a bad one is a bug: <see cref="ArgumentException"/>.
    /// </summary>
    public async Task<AuditEntry> AppendAsync(string aggregateType, string aggregateId, string action, string actor,
        object? data = null, CancellationToken cancellationToken = default) =>
        (await AppendCoreAsync(aggregateType, aggregateId, action, actor, data, onceKey: null, cancellationToken))!;

    /// <summary>
    /// Appends an entry unless one with the same <paramref name="onceKey"/> was already appended to this
    /// aggregate (then returns null). The key's marker row is written in the entry's transaction, so a step
    /// retried after a crash records its audit entry exactly once. The key must be table-key text.
    /// </summary>
    public Task<AuditEntry?> AppendOnceAsync(string onceKey, string aggregateType, string aggregateId, string action, string actor,
        object? data = null, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(onceKey) || onceKey.Length > 200) throw new ArgumentException("Invalid once key.", nameof(onceKey));
        return AppendCoreAsync(aggregateType, aggregateId, action, actor, data, onceKey, cancellationToken);
    }

    /// <summary>
    /// The next entry of a chain, for writers that store it themselves (the capability kit writes it in the
    /// aggregate's own change transaction). Arguments are validated like <see cref="AppendAsync"/>'s.
    /// </summary>
    public static AuditEntry NextEntry(string aggregateType, string aggregateId, long sequence, DateTimeOffset at,
        string action, string actor, object? data, string previousHash)
    {
        ValidateArguments(aggregateType, aggregateId, action, actor);
        return Link(aggregateType, aggregateId, sequence, at, action, actor, SerializeData(data), previousHash);
    }

    /// <summary>An entry whose hash covers every field and the previous entry's hash.</summary>
    private static AuditEntry Link(string aggregateType, string aggregateId, long sequence, DateTimeOffset at,
        string action, string actor, string dataText, string previousHash) =>
        new(aggregateType, aggregateId, sequence, at, action, actor, dataText, previousHash,
            AuditEntry.ComputeHash(aggregateType, aggregateId, sequence, at, action, actor, dataText, previousHash));

    private static void ValidateArguments(string aggregateType, string aggregateId, string action, string actor)
    {
        if (!IsValidAggregateType(aggregateType)) throw new ArgumentException("Invalid aggregate type.", nameof(aggregateType));
        if (!IsValidAggregateId(aggregateId)) throw new ArgumentException("Invalid aggregate id.", nameof(aggregateId));
        if (!ActionPattern().IsMatch(action)) throw new ArgumentException("Invalid action.", nameof(action));
        if (!ActorPattern().IsMatch(actor)) throw new ArgumentException("Invalid actor.", nameof(actor));
    }

    private async Task<AuditEntry?> AppendCoreAsync(string aggregateType, string aggregateId, string action, string actor,
        object? data, string? onceKey, CancellationToken cancellationToken)
    {
        ValidateArguments(aggregateType, aggregateId, action, actor);
        if (locations.Find(aggregateType) is not null)
            throw new InvalidOperationException($"The audit chain of '{aggregateType}' is written with the aggregate's changes, not appended on its own.");
        var dataText = SerializeData(data);
        var partitionKey = AuditChain.PartitionKey(aggregateType, aggregateId);
        var table = await storage.TableAsync(StorageNames.Tables.AuditTrail, cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            var head = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, AuditChain.HeadRowKey, cancellationToken: cancellationToken);
            var sequence = head.HasValue ? head.Value!.GetInt64("LastSequence")!.Value + 1 : 1;
            var previousHash = head.HasValue ? head.Value!.GetString("LastHash") ?? "" : AuditEntry.GenesisHash;
            var entry = Link(aggregateType, aggregateId, sequence, clock.GetUtcNow(), action, actor, dataText, previousHash);
            var newHead = AuditChain.HeadEntity(partitionKey, sequence, entry.Hash);
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, AuditChain.ToEntity(entry)),
                head.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, newHead, head.Value!.ETag)
                    : new(TableTransactionActionType.Add, newHead),
            ];
            if (onceKey is not null)
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(partitionKey, AuditChain.OnceRowPrefix + onceKey) { ["Sequence"] = sequence }));
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                LogAppended(aggregateType, aggregateId, sequence, action);
                return entry;
            }
            // 412: the head moved; 409: another first append created the head (or the entry) first.
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                if (onceKey is not null && e.Status == 409 &&
                    (await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, AuditChain.OnceRowPrefix + onceKey, ["Sequence"], cancellationToken)).HasValue)
                    return null; // appended by an earlier attempt of the same step
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + 10 * Math.Min(attempt, 10))), cancellationToken);
            }
        }
    }

    /// <summary>Recomputes the chain and reports the first broken sequence.</summary>
    public async Task<AuditVerification> VerifyAsync(string aggregateType, string aggregateId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(aggregateType, aggregateId, cancellationToken)).Verify();

    /// <summary>
    /// The entries at or after <paramref name="from"/> and before <paramref name="to"/>, oldest first, with
    /// the verification of the whole chain (a period is only as trustworthy as the chain it belongs to).
    /// </summary>
    public async Task<AuditExport> ExportAsync(string aggregateType, string aggregateId,
        DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        var chain = await ReadAsync(aggregateType, aggregateId, cancellationToken);
        var entries = chain.Entries.Where(e => (from is null || e.At >= from) && (to is null || e.At < to)).ToList();
        return new AuditExport(aggregateType, aggregateId, from, to, !chain.IsEmpty, entries, chain.Verify());
    }

    private async Task<AuditChain> ReadAsync(string aggregateType, string aggregateId, CancellationToken cancellationToken)
    {
        if (!IsValidAggregateType(aggregateType)) throw new ArgumentException("Invalid aggregate type.", nameof(aggregateType));
        if (!IsValidAggregateId(aggregateId)) throw new ArgumentException("Invalid aggregate id.", nameof(aggregateId));
        if (locations.Find(aggregateType) is { } location)
        {
            if (!location.IsValidId(aggregateId)) return AuditChain.From(aggregateType, aggregateId, []); // no such aggregate
            var (partition, headRow, entryPrefix) = location.Of(aggregateId);
            var aggregateTable = await storage.TableAsync(location.Table, cancellationToken);
            var chainRows = new List<TableEntity>();
            // The head (the aggregate's row) and its entries are adjacent: one range read.
            var range = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {headRow} and RowKey le {entryPrefix + "~"}");
            await foreach (var entity in aggregateTable.QueryAsync<TableEntity>(range, cancellationToken: cancellationToken))
                chainRows.Add(entity);
            return AuditChain.From(aggregateType, aggregateId, chainRows, headRow, entryPrefix);
        }
        var table = await storage.TableAsync(StorageNames.Tables.AuditTrail, cancellationToken);
        var partitionKey = AuditChain.PartitionKey(aggregateType, aggregateId);
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken))
            rows.Add(entity);
        return AuditChain.From(aggregateType, aggregateId, rows);
    }

    public static string SerializeData(object? data)
    {
        var node = data switch
        {
            null => new JsonObject(),
            JsonNode n => n,
            JsonElement element => JsonNode.Parse(element.GetRawText()),
            string => throw new ArgumentException("Give data as an object, not as text.", nameof(data)),
            _ => JsonSerializer.SerializeToNode(data, DataJson),
        };
        if (node is not JsonObject) throw new ArgumentException("Audit data must be a JSON object.", nameof(data));
        var text = node.ToJsonString(DataJson);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxDataBytes)
            throw new ArgumentException($"Audit data must be at most {MaxDataBytes} bytes.", nameof(data));
        return text;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AggregateType} {AggregateId} #{Sequence}: {Action}")]
    private partial void LogAppended(string aggregateType, string aggregateId, long sequence, string action);

    [GeneratedRegex(@"\A[a-z][a-z0-9.-]{0,39}\z")]
    private static partial Regex AggregateTypePattern();

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\z")]
    private static partial Regex AggregateIdPattern();

    [GeneratedRegex(@"\A[a-z][a-z0-9_.-]{0,63}\z")]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"\A[a-z][a-z0-9-]{0,31}(:[A-Za-z0-9][A-Za-z0-9._-]{0,63})?\z")]
    private static partial Regex ActorPattern();
}
