using System.Text.Json;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// The snapshots of what each notice said: rows <c>notice~{tag}</c> in the breach's partition, written in the same
/// transaction as the decision that sends the notice (<c>Decision.Rows</c>).
/// </summary>
public sealed class BreachNoticeSnapshots(StorageAccount storage)
{
    private const string Prefix = "notice~";

    private const string Document = "Document";

    public static TableEntity Row(string breachId, SentNotice notice, NoticeSnapshot snapshot)
    {
        var row = new TableEntity(breachId, Prefix + BreachNoticeKeys.Tag(notice));
        LongTextColumn.Set(row, Document, JsonSerializer.Serialize(snapshot, BreachKind.SerializerOptions));
        return row;
    }

    public async Task<NoticeSnapshot?> ReadAsync(string breachId, string tag, CancellationToken ct)
    {
        var table = await storage.TableAsync(StorageNames.Tables.Breaches, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(breachId, Prefix + tag, cancellationToken: ct);
        return row.HasValue ? Parse(row.Value!) : null;
    }

    /// <summary>Every notice's snapshot by tag (one range read in the breach's partition).</summary>
    public async Task<IReadOnlyDictionary<string, NoticeSnapshot>> ReadAllAsync(string breachId, CancellationToken ct)
    {
        var table = await storage.TableAsync(StorageNames.Tables.Breaches, ct);
        var result = new Dictionary<string, NoticeSnapshot>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {breachId} and RowKey ge {Prefix} and RowKey lt {"notice\u007f"}"), cancellationToken: ct))
            result[row.RowKey[Prefix.Length..]] = Parse(row);
        return result;
    }

    private static NoticeSnapshot Parse(TableEntity row) => JsonSerializer.Deserialize<NoticeSnapshot>(LongTextColumn.Get(row, Document)!, BreachKind.SerializerOptions)!;
}
