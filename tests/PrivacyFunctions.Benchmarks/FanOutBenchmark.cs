using Azure.Storage.Queues;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Benchmarks;

/// <summary>
/// What the fan-out benchmarks share: the real composition root with an instant transport, 100 recipients an
/// operation, and the baseline — 100 raw queue sends of one notice's size on the same Azurite, in the same run.
/// </summary>
[InProcess]
[WarmupCount(2)]
[IterationCount(12)]
[InvocationCount(1)]
[Config(typeof(DsrIntakeBenchmarks.ThroughputConfig))]
public abstract class FanOutBenchmark
{
    protected const int Recipients = 100;
    private QueueClient _raw = null!;
    private string _rawQueue = "";

    protected ServiceProvider Services { get; private set; } = null!;

    /// <summary>The HTML of one notice: the size of each baseline message.</summary>
    protected string Notice { get; set; } = "";

    protected async Task BuildAsync(string prefix, string rawQueue)
    {
        Services = BenchmarkApp.Build(prefix, s => s.Replace(ServiceDescriptor.Singleton<IEmailTransport>(new BenchmarkApp.InstantTransport())));
        _rawQueue = rawQueue;
        _raw = await Services.GetRequiredService<StorageAccount>().QueueAsync(rawQueue);
    }

    [Benchmark(Baseline = true)]
    public async Task RawQueueSends()
    {
        for (var i = 0; i < Recipients; i++)
            await _raw.SendMessageAsync(Notice);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var storage = Services.GetRequiredService<StorageAccount>();
        foreach (var table in StorageNames.Tables.All)
            await storage.TableService.DeleteTableAsync(storage.TableName(table));
        foreach (var queue in StorageNames.Queues.All.Append(_rawQueue))
            await storage.QueueService.GetQueueClient(storage.QueueName(queue)).DeleteIfExistsAsync();
        await Services.DisposeAsync();
    }
}
