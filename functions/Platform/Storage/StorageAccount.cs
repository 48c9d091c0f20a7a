using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// Hands out table and queue clients by logical name, applying the name prefix and creating each table or
/// queue once per process (so steady-state operations pay no creation requests).
/// </summary>
/// <remarks>
/// Only a successful creation is remembered. A creation that failed (storage down at a cold start) or whose
/// only waiter gave up is forgotten, so the next call tries again and the instance recovers as soon as storage
/// answers. The creation itself never runs on a caller's token: one cancelled request must not fail the others
/// waiting for the same table.
/// </remarks>
public sealed class StorageAccount(TableServiceClient tables, QueueServiceClient queues, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new();
    private readonly string _prefix = options.Value.NamePrefix;

    public TableServiceClient TableService => tables;
    public QueueServiceClient QueueService => queues;

    public string TableName(string name) => _prefix + name;
    public string QueueName(string name) => _prefix.Length == 0 ? name : _prefix + "-" + name;

    public Task<TableClient> TableAsync(string name, CancellationToken cancellationToken = default) =>
        OnceAsync(_tables, name, async n =>
        {
            var client = tables.GetTableClient(TableName(n));
            await client.CreateIfNotExistsAsync(CancellationToken.None);
            return client;
        }, cancellationToken);

    public Task<QueueClient> QueueAsync(string name, CancellationToken cancellationToken = default) =>
        OnceAsync(_queues, name, async n =>
        {
            var client = queues.GetQueueClient(QueueName(n));
            await client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            return client;
        }, cancellationToken);

    private static async Task<T> OnceAsync<T>(
        ConcurrentDictionary<string, Lazy<Task<T>>> created, string name, Func<string, Task<T>> create, CancellationToken cancellationToken)
    {
        var entry = created.GetOrAdd(name, n => new Lazy<Task<T>>(() => create(n)));
        var creation = entry.Value;
        if (creation.IsCompletedSuccessfully) return creation.Result;
        try
        {
            return await creation.WaitAsync(cancellationToken);
        }
        catch when (creation.IsFaulted || creation.IsCanceled)
        {
            created.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, entry)); // the next caller tries again
            throw;
        }
    }
}
