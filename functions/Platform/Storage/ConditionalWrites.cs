using Azure;
using Azure.Data.Tables;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// The two conditional writes every store makes (docs/architecture.md): insert a row that must not exist yet (natural
/// idempotency keys), and update a row only if it is unchanged since it was read (ETag). Losing is an answer, not
/// an error: null means "someone else got there first".
/// </summary>
public static class ConditionalWrites
{
    /// <summary>Inserts the entity; its new ETag, or null when a row with its keys already exists (409).</summary>
    public static async Task<ETag?> TryAddAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Updates the entity if the stored row still has <paramref name="etag"/>; its new ETag, or null when it changed (412).</summary>
    public static async Task<ETag?> TryUpdateAsync(this TableClient table, ITableEntity entity, ETag etag, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(entity, etag, mode, cancellationToken);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }
}
