using Azure.Storage.Queues;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyFunctions.Breaches;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Benchmarks;

/// <summary>
/// The breach notice fan-out with an instant transport against raw queue sends on the same Azurite, in one run. One
/// operation of each is 100 customers: <see cref="NoticePage"/> handles one real page of a breach's initial notice (each
/// customer's notice record with its 72-hour clock, then its security contact's email sent and recorded);
/// <see cref="RawQueueSends"/> (the baseline) sends 100 queue messages of a notice's size. "Throughput vs raw" =
/// customers notified per second ÷ raw queue sends per second.
/// </summary>
public class BreachNoticeBenchmarks : FanOutBenchmark
{
    private BreachFanOut _fanOut = null!;
    private string _breachId = "";
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await BuildAsync("benchbreach", "bench-raw-breach-sends");
        _fanOut = Services.GetRequiredService<BreachFanOut>();
        var customers = Services.GetRequiredService<CustomerDirectory>();
        for (var i = 0; i < Recipients; i++)
            await customers.PutAsync(new Customer($"bench-{i:D3}", $"Bench Customer {i}",
                new CustomerContacts([$"privacy@bench-{i:D3}.example"], [$"security@bench-{i:D3}.example"], []),
                new EndUserContact("rights@customer.example", null), Customer.DefaultLocale, Customer.DefaultTimeZone, ["einvoicing"]),
                null, "benchmark", CancellationToken.None);
        await OpenAsync();
        var breach = (await Services.GetRequiredService<BreachReader>().BreachAsync(_breachId, CancellationToken.None))!;
        Notice = BreachEmails.Compose(breach, breach.Notices[0], new NoticeSnapshot(null, breach.Facts), false, "en", "UTC",
            DateTimeOffset.UtcNow.AddHours(72), new Uri("https://privacy.bench.example/x?token=t"), "Benchmark Processor").Body.Html;
    }

    [IterationSetup(Target = nameof(NoticePage))]
    public void NewBreach() => OpenAsync().GetAwaiter().GetResult();

    private async Task OpenAsync()
    {
        var actions = Services.GetRequiredService<BreachActions>();
        var now = DateTimeOffset.UtcNow;
        var opened = await actions.OpenAsync(new BreachRequests.Open($"bench-{Interlocked.Increment(ref _next)}", now, new BreachFacts(
            "Benchmark breach", now.AddHours(-1), "Exposed export", ["customers"], 100, ["invoices"], 500, "dpo@processor.example", "Phishing", "Closed")), CancellationToken.None);
        _breachId = opened.Breach!.State.BreachId;
        await actions.AssessAsync(_breachId, new Assessment(true, null, new AffectedScope(AffectedScope.All, [], []), now), CancellationToken.None);
        var notified = await actions.NotifyAsync(_breachId, false, CancellationToken.None);
        if (notified.Outcome != BreachOutcome.Changed) throw new InvalidOperationException($"notify answered {notified.Outcome}");
    }


    [Benchmark]
    public Task NoticePage() => _fanOut.HandleAsync(BreachNoticePage.First(_breachId, "initial"), CancellationToken.None);


}
