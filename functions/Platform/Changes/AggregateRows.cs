using System.Text.Json;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>
/// The row of an aggregate: the state as a JSON document plus the kit's columns and the kind's query columns. The
/// document and the pending effects are <see cref="LongTextColumn"/>s: a breach listing a thousand customers outgrows one column.
/// </summary>
internal static class AggregateRows
{
    public const string Document = "Document";
    public const string Version = "Version";
    public const string UpdatedAt = "UpdatedAt";
    public const string Pending = "PendingEffects";
    public const string PendingActor = "PendingActor";
    public const string LastSequence = "LastSequence";
    public const string LastHash = "LastHash";
    public const string Aggregate = "Aggregate";

    public static TableEntity ToEntity<TState>(AggregateKind<TState> kind, string aggregateId, TState state, long version, DateTimeOffset updatedAt,
        IReadOnlyList<PendingEffect> pending, string? pendingActor, long lastSequence, string lastHash)
    {
        var (partition, row) = kind.KeyOf(aggregateId);
        var entity = new TableEntity(partition, row)
        {
            [Aggregate] = kind.AggregateType,
            [Version] = version,
            [UpdatedAt] = updatedAt.ToUniversalTime(),
            [PendingActor] = pendingActor,
            [LastSequence] = lastSequence,
            [LastHash] = lastHash,
        };
        LongTextColumn.Set(entity, Document, JsonSerializer.Serialize(state, kind.Json));
        LongTextColumn.Set(entity, Pending, pending.Count == 0 ? "" : EffectRegistry.Serialize(pending));
        kind.AddColumns(entity, state);
        return entity;
    }

    public static Stored<TState> FromEntity<TState>(AggregateKind<TState> kind, string aggregateId, TableEntity entity) => new(
        aggregateId,
        JsonSerializer.Deserialize<TState>(LongTextColumn.Get(entity, Document)!, kind.Json)!,
        entity.ETag,
        Int64Of(entity, Version) ?? 1,
        entity.GetDateTimeOffset(UpdatedAt) ?? entity.Timestamp ?? DateTimeOffset.MinValue,
        EffectRegistry.Deserialize(LongTextColumn.Get(entity, Pending)),
        entity.GetString(PendingActor),
        Int64Of(entity, LastSequence) ?? 0,
        entity.GetString(LastHash) ?? AuditEntry.GenesisHash);

    /// <summary>A whole-number column written as Int32 or Int64 (rows written before the kit used Int32).</summary>
    private static long? Int64Of(TableEntity entity, string column) => entity.TryGetValue(column, out var value) ? value switch
    {
        int i => i,
        long l => l,
        _ => null,
    } : null;

    public static string AuditRowKey(string row, long sequence) => row + AuditLocation.EntryInfix + AuditChain.RowKey(sequence);
}
