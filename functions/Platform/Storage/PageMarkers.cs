using Azure;
using Azure.Data.Tables;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// The marker of one fan-out page (a row beside the aggregate it serves): a page already done is not done again, and a
/// page interrupted by a crash is redone from its start — its sends are skipped where their delivery records exist.
/// </summary>
public static class PageMarkers
{
    /// <summary>Starts the page; null when the page was done before (a duplicate message), else the marker's ETag.</summary>
    public static async Task<ETag?> TryBeginAsync(TableClient table, string partition, string row, CancellationToken ct)
    {
        var marker = new TableEntity(partition, row) { ["Done"] = false };
        if (await table.TryAddAsync(marker, ct) is { } added) return added;
        var existing = (await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: ct)).Value;
        return existing.GetBoolean("Done") == true ? null : existing.ETag;
    }

    /// <summary>Marks the page done (best effort: a lost race means another worker did the same page).</summary>
    public static Task CompleteAsync(TableClient table, string partition, string row, ETag etag, CancellationToken ct) =>
        table.TryUpdateAsync(new TableEntity(partition, row) { ["Done"] = true }, etag, TableUpdateMode.Replace, ct);
}
