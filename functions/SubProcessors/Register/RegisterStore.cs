using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// The register as it is in force: one row per sub-processor in partition <c>register</c> of table <c>SubProcessors</c>
/// (RowKey = its id), written only when a change becomes effective (<see cref="ApplyAsync"/>) — never edited directly.
/// A removed entry stays as a tombstone (<c>Removed</c>), so that applying an older change again cannot bring it back.
/// </summary>
public sealed class RegisterStore(StorageAccount storage)
{
    public const string Partition = "register";
    private const string Document = "Document";

    /// <summary>The entries in force, by name. One partition query.</summary>
    public async Task<IReadOnlyList<SubProcessor>> ReadAsync(CancellationToken ct)
    {
        var table = await storage.TableAsync(StorageNames.Tables.SubProcessors, ct);
        var entries = new List<SubProcessor>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: ct))
            if (row.GetBoolean("Removed") != true)
                entries.Add(JsonSerializer.Deserialize<SubProcessor>(LongTextColumn.Get(row, Document)!, ChangeKind.SerializerOptions)!);
        return entries.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Makes the register reflect <paramref name="change"/>: idempotent (a row already written by this change is left),
    /// and ordered (a row written by a change that became effective later is not overwritten).
    /// </summary>
    public async Task ApplyAsync(SubProcessorChange change, CancellationToken ct)
    {
        var table = await storage.TableAsync(StorageNames.Tables.SubProcessors, ct);
        if (change.Action is ChangeAction.Remove or ChangeAction.Replace)
            await WriteAsync(table, change.Previous!.Id, null, change, ct);
        if (change.Entry is { } entry)
            await WriteAsync(table, entry.Id, entry with { Since = entry.Since ?? DateOnly.FromDateTime(change.EffectiveAt.UtcDateTime) }, change, ct);
    }

    private static async Task WriteAsync(TableClient table, string id, SubProcessor? entry, SubProcessorChange change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: ct);
            if (current.HasValue)
            {
                var row = current.Value!;
                if (row.GetString("AppliedChangeId") == change.ChangeId) return;
                if (row.GetDateTimeOffset("AppliedAt") is { } appliedAt && appliedAt > change.EffectiveAt) return;
            }
            var next = new TableEntity(Partition, id)
            {
                ["Removed"] = entry is null,
                ["AppliedChangeId"] = change.ChangeId,
                ["AppliedAt"] = change.EffectiveAt.ToUniversalTime(),
            };
            // An entry in a non-Latin script, escaped in JSON, can outgrow one column.
            LongTextColumn.Set(next, Document, JsonSerializer.Serialize(entry ?? change.Previous, ChangeKind.SerializerOptions));
            var written = current.HasValue
                ? await table.TryUpdateAsync(next, current.Value!.ETag, TableUpdateMode.Replace, ct)
                : await table.TryAddAsync(next, ct);
            if (written is not null) return;
        }
        throw new RequestFailedException(409, $"Register entry {id} kept changing while change {change.ChangeId} was applied.");
    }
}
