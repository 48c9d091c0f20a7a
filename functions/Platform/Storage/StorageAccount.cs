using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// Hands out table and queue clients by logical name, applying the name prefix and creating each table or
/// queue once per process (so steady-state operations pay no creation requests).
/// </summary>
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
        _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(async () =>
        {
            var client = tables.GetTableClient(TableName(n));
            await client.CreateIfNotExistsAsync(cancellationToken);
            return client;
        })).Value;

    public Task<QueueClient> QueueAsync(string name, CancellationToken cancellationToken = default) =>
        _queues.GetOrAdd(name, n => new Lazy<Task<QueueClient>>(async () =>
        {
            var client = queues.GetQueueClient(QueueName(n));
            await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return client;
        })).Value;
}
