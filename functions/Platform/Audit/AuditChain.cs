using System.Globalization;
using Azure.Data.Tables;

namespace PrivacyFunctions.Platform.Audit;

/// <summary>
/// The stored rows of one aggregate's audit partition, as read: entry rows in key order and the head row.
/// A row that cannot be read as an entry (edited into nonsense) is kept as null so verification reports it.
/// </summary>
public sealed class AuditChain
{
    public const string HeadRowKey = "head";

    /// <summary>Marker rows of <see cref="AuditTrail.AppendOnceAsync"/>: <c>once~{key}</c>, written in the entry's transaction.</summary>
    public const string OnceRowPrefix = "once~";
    private const string SequenceFormat = "D10";

    private AuditChain(IReadOnlyList<(long Sequence, AuditEntry? Entry)> rows, (long LastSequence, string LastHash)? head)
    {
        Rows = rows;
        Head = head;
    }

    public IReadOnlyList<(long Sequence, AuditEntry? Entry)> Rows { get; }
    public (long LastSequence, string LastHash)? Head { get; }
    public bool IsEmpty => Rows.Count == 0 && Head is null;
    public IEnumerable<AuditEntry> Entries => Rows.Where(r => r.Entry is not null).Select(r => r.Entry!);

    public static string RowKey(long sequence) => sequence.ToString(SequenceFormat, CultureInfo.InvariantCulture);

    public static AuditChain From(string aggregateType, string aggregateId, IEnumerable<TableEntity> entities) =>
        From(aggregateType, aggregateId, entities, HeadRowKey, "");

    /// <summary>
    /// Reads a chain whose head is the row <paramref name="headRowKey"/> and whose entries are the rows keyed
    /// <c>{entryPrefix}{sequence}</c>; other rows of the partition are ignored. A head row without
    /// <c>LastSequence</c> (an aggregate row that has no entry yet) counts as no head.
    /// </summary>
    public static AuditChain From(string aggregateType, string aggregateId, IEnumerable<TableEntity> entities, string headRowKey, string entryPrefix)
    {
        var rows = new List<(long, AuditEntry?)>();
        (long, string)? head = null;
        foreach (var entity in entities)
        {
            if (entity.RowKey == headRowKey)
            {
                if (entity.GetInt64("LastSequence") is { } last)
                    head = (last, entity.GetString("LastHash") ?? "");
                continue;
            }
            if (!entity.RowKey.StartsWith(entryPrefix, StringComparison.Ordinal))
                continue;
            var key = entity.RowKey[entryPrefix.Length..];
            if (key.StartsWith(OnceRowPrefix, StringComparison.Ordinal))
                continue; // not part of the chain: the entry it marks is
            var sequence = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
            rows.Add((sequence, ReadEntry(aggregateType, aggregateId, entity)));
        }
        return new AuditChain(rows, head);
    }

    public AuditVerification Verify()
    {
        var expected = 1L;
        var previousHash = AuditEntry.GenesisHash;
        foreach (var (sequence, entry) in Rows)
        {
            var count = expected - 1;
            if (sequence != expected)
                return AuditVerification.Broken(count, expected, sequence > expected ? "entry missing" : "unexpected entry");
            if (entry is null || entry.Sequence != sequence)
                return AuditVerification.Broken(count, sequence, "entry unreadable or moved");
            if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
                return AuditVerification.Broken(count, sequence, "previous hash does not match");
            if (!string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal))
                return AuditVerification.Broken(count, sequence, "entry does not match its hash");
            previousHash = entry.Hash;
            expected++;
        }
        var entries = expected - 1;
        if (Head is not { } head)
            return entries == 0 ? AuditVerification.Valid(0) : AuditVerification.Broken(entries, entries, "head missing");
        if (head.LastSequence > entries)
            return AuditVerification.Broken(entries, entries + 1, "entry missing");
        if (head.LastSequence < entries || !string.Equals(head.LastHash, previousHash, StringComparison.Ordinal))
            return AuditVerification.Broken(entries, Math.Max(head.LastSequence, 1), "head does not match the last entry");
        return AuditVerification.Valid(entries);
    }

    public static TableEntity ToEntity(AuditEntry entry) => ToEntity(entry, PartitionKey(entry.AggregateType, entry.AggregateId), RowKey(entry.Sequence));

    public static TableEntity ToEntity(AuditEntry entry, string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["Sequence"] = entry.Sequence,
        // A string, not a DateTime column: the exact text is what the hash covers, at 100 ns precision.
        ["At"] = AuditEntry.FormatInstant(entry.At),
        ["Action"] = entry.Action,
        ["Actor"] = entry.Actor,
        ["Data"] = entry.Data,
        ["PreviousHash"] = entry.PreviousHash,
        ["Hash"] = entry.Hash,
    };

    public static TableEntity HeadEntity(string partitionKey, long lastSequence, string lastHash) => new(partitionKey, HeadRowKey)
    {
        ["LastSequence"] = lastSequence,
        ["LastHash"] = lastHash,
    };

    public static string PartitionKey(string aggregateType, string aggregateId) => $"{aggregateType}|{aggregateId}";

    private static AuditEntry? ReadEntry(string aggregateType, string aggregateId, TableEntity entity)
    {
        if (entity.GetInt64("Sequence") is not { } storedSequence ||
            entity.GetString("At") is not { } atText ||
            !DateTimeOffset.TryParseExact(atText, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return null;
        return new AuditEntry(aggregateType, aggregateId, storedSequence, at,
            entity.GetString("Action") ?? "", entity.GetString("Actor") ?? "", entity.GetString("Data") ?? "",
            entity.GetString("PreviousHash") ?? "", entity.GetString("Hash") ?? "");
    }
}
