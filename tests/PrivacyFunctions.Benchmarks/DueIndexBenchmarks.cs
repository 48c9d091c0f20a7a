using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Benchmarks;

/// <summary>
/// Reading what is due among many scheduled obligations (docs/architecture.md, due index): the cost should stay that of one range
/// read whatever the number stored. Compare <see cref="ReadDue"/> with <see cref="RawPointRead"/> (the baseline)
/// across <see cref="Scheduled"/>; the storage request count per read is printed after each run.
/// </summary>
[InProcess]
[MemoryDiagnoser]
public class DueIndexBenchmarks
{
    private ServiceProvider _services = null!;
    private DueIndex _index = null!;
    private TableClient _raw = null!;
    private StorageRequestCounter _counter = null!;
    private readonly DateTimeOffset _now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Params(1_000, 50_000)]
    public int Scheduled { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = BenchmarkApp.Build("bench" + Scheduled);
        _index = _services.GetRequiredService<DueIndex>();
        _counter = _services.GetRequiredService<StorageRequestCounter>();
        // Everything in the future except 10 due items; written in entity-group transactions.
        var items = Enumerable.Range(0, Scheduled - 10).Select(i => new DueItem("bench.future", $"item-{i}", _now.AddMinutes(5 + i % 500_000)))
            .Concat(Enumerable.Range(0, 10).Select(i => new DueItem("bench.due", $"due-{i}", _now.AddMinutes(-i))));
        await _index.ScheduleManyAsync(items);
        _raw = await BenchmarkApp.RawTableAsync(_services, StorageNames.Tables.DueIndex);
    }

    [Benchmark(Baseline = true)]
    public async Task RawPointRead() => await _raw.GetEntityIfExistsAsync<TableEntity>("none", "none");

    [Benchmark]
    public async Task<int> ReadDue()
    {
        using var measurement = _counter.Measure();
        var due = await _index.ReadDueAsync(_now, "bench");
        if (due.Count != 10 || measurement.Requests > 2)
            throw new InvalidOperationException($"expected 10 due items in ≤ 2 requests, got {due.Count} in {measurement.Requests}");
        return due.Count;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var storage = _services.GetRequiredService<StorageAccount>();
        await storage.TableService.DeleteTableAsync(storage.TableName(StorageNames.Tables.DueIndex));
        await _services.DisposeAsync();
    }
}
