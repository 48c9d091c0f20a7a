using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Tests.Support;

/// <summary>Deletes a test's tables and queues so Azurite stays small for the rest of the run.</summary>
internal static class StorageCleanup
{
    public static async Task DeletePrefixedAsync(StorageAccount storage, string prefix)
    {
        try
        {
            await foreach (var table in storage.TableService.QueryAsync($"TableName ge '{prefix}' and TableName lt '{prefix}~'"))
                await storage.TableService.DeleteTableAsync(table.Name);
            await foreach (var queue in storage.QueueService.GetQueuesAsync(prefix: prefix + "-"))
                await storage.QueueService.DeleteQueueAsync(queue.Name);
        }
        catch (Azure.RequestFailedException)
        {
            // Cleanup is best effort; the emulator is in-memory and discarded after the run.
        }
    }
}
