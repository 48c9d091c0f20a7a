using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.DependencyInjection;
using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Benchmarks;

/// <summary>
/// DSR intake throughput against raw single inserts of the same size on the same Azurite, in one run
/// (before the capability kit about 0.05×; aim ≥ 0.15×). <see cref="Intake"/> is the real <see cref="DsrIntake.AcceptAsync"/>
/// from the real composition root, a new request each call for a customer created in setup; <see cref="RawInsert"/>
/// (the baseline) is one <c>AddEntityAsync</c> of a copy of the row intake stores for a request;
/// <see cref="RawIntakeRequests"/> issues the same storage requests as intake, raw: the floor intake can reach. The
/// "Throughput vs raw" column is raw mean ÷ mean, i.e. operations per second ÷ raw inserts per second.
/// </summary>
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class DsrIntakeBenchmarks
{
    private const string Product = "einvoicing";
    private const string CustomerId = "bench-customer";
    private ServiceProvider _services = null!;
    private DsrIntake _intake = null!;
    private TableClient _raw = null!;
    private TableEntity _sample = null!;
    private long _next;
    private Azure.Storage.Queues.QueueClient _queue = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = BenchmarkApp.Build("benchdsr");
        _intake = _services.GetRequiredService<DsrIntake>();
        await _services.GetRequiredService<CustomerDirectory>().PutAsync(new Customer(CustomerId, "Bench Customer",
            new CustomerContacts(["privacy@customer.example"], ["security@customer.example"], ["dsr@customer.example"]),
            new EndUserContact("rights@customer.example", null), Customer.DefaultLocale, Customer.DefaultTimeZone, [Product]),
            null, "benchmark", CancellationToken.None);

        // The row one intake stores, copied under new keys by the baseline: same size, same table service.
        var first = await Intake();
        var storage = _services.GetRequiredService<StorageAccount>();
        var requests = await storage.TableAsync(StorageNames.Tables.DataSubjectRequests);
        _sample = (await requests.GetEntityAsync<TableEntity>(CustomerId, first.Request!.RequestId)).Value;
        _raw = await BenchmarkApp.RawTableAsync(_services, "BenchRawInserts");
        _queue = await storage.QueueAsync("bench-raw-queue");
    }

    [Benchmark(Baseline = true)]
    public async Task RawInsert()
    {
        var entity = new TableEntity(_sample) { PartitionKey = CustomerId, RowKey = $"raw-{Interlocked.Increment(ref _next)}" };
        entity.Remove("odata.etag");
        await _raw.AddEntityAsync(entity);
    }

    /// <summary>
    /// The floor: the four storage requests intake makes (customer read, claim insert, queue send, the two-row
    /// transaction of request and audit entry), issued raw one after the other with no app code around them.
    /// </summary>
    [Benchmark]
    public async Task RawIntakeRequests()
    {
        var n = Interlocked.Increment(ref _next);
        await _raw.GetEntityIfExistsAsync<TableEntity>(CustomerId, "nothing");
        await _raw.AddEntityAsync(new TableEntity("claims", $"c-{n}") { ["RequestId"] = "x" });
        await _queue.SendMessageAsync("{\"requestId\":\"x\"}");
        var a = new TableEntity(_sample) { PartitionKey = CustomerId, RowKey = $"rawf-{n}" };
        a.Remove("odata.etag");
        var b = new TableEntity(CustomerId, $"rawf-{n}~audit") { ["Data"] = new string('x', 400) };
        await _raw.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, a), new TableTransactionAction(TableTransactionActionType.Add, b)]);
    }

    [Benchmark]
    public async Task<DsrIntakeResult> Intake()
    {
        var result = await _intake.AcceptAsync(new DsrIntakeRequest(Product, $"ext-{Interlocked.Increment(ref _next)}", CustomerId,
            DsrType.Access, new DsrSubject("jane.doe@example.org", "Jane Doe", "en"), DateTimeOffset.UtcNow, "email",
            "Please send me a copy of the personal data you hold about me."), CancellationToken.None);
        if (result.Outcome != DsrIntakeOutcome.Accepted)
            throw new InvalidOperationException($"intake answered {result.Outcome}");
        return result;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var storage = _services.GetRequiredService<StorageAccount>();
        foreach (var table in StorageNames.Tables.All.Append("BenchRawInserts"))
            await storage.TableService.DeleteTableAsync(storage.TableName(table));
        foreach (var queue in StorageNames.Queues.All.Append("bench-raw-queue"))
            await storage.QueueService.GetQueueClient(storage.QueueName(queue)).DeleteIfExistsAsync();
        await _services.DisposeAsync();
    }

    /// <summary>Adds the "Throughput vs raw" column (shared by the benchmarks that compare with a raw baseline).</summary>
    public sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ThroughputVsBaseline());
    }

    /// <summary>Baseline mean ÷ this benchmark's mean: its throughput as a multiple of the baseline's.</summary>
    private sealed class ThroughputVsBaseline : IColumn
    {
        public string Id => nameof(ThroughputVsBaseline);
        public string ColumnName => "Throughput vs raw";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Operations per second as a multiple of the baseline's (baseline mean / mean)";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            var baselineMean = baseline is null ? null : summary[baseline]?.ResultStatistics?.Mean;
            return mean is > 0 && baselineMean is > 0 ? (baselineMean.Value / mean.Value).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + "×" : "?";
        }
    }
}
