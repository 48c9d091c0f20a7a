using Azure.Storage.Queues;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.SubProcessors;

namespace PrivacyFunctions.Benchmarks;

/// <summary>
/// The sub-processor notice fan-out with an instant transport against raw queue sends on the same Azurite, in one run.
/// One operation of each is 100 recipients: <see cref="FanOutPage"/> handles one real fan-out page (10 customers × 10
/// privacy contacts: page marker, next-page message, a composed email per contact sent under its natural key and recorded
/// Sent) of a change announced for it; <see cref="RawQueueSends"/> (the baseline) sends 100 queue messages of the size
/// of one notice. "Throughput vs raw" = recipients per second ÷ raw queue sends per second.
/// </summary>
public class NoticeFanOutBenchmarks : FanOutBenchmark
{
    private NoticeFanOut _fanOut = null!;
    private string _changeId = "";
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await BuildAsync("benchfan", "bench-raw-sends");
        _fanOut = Services.GetRequiredService<NoticeFanOut>();
        var customers = Services.GetRequiredService<CustomerDirectory>();
        for (var i = 0; i < Recipients / 10; i++)
            await customers.PutAsync(new Customer($"bench-{i:D2}", $"Bench Customer {i}",
                new CustomerContacts(Enumerable.Range(1, 10).Select(c => $"privacy{c}@bench-{i:D2}.example").ToArray(), [], []),
                new EndUserContact("rights@customer.example", null), Customer.DefaultLocale, Customer.DefaultTimeZone, ["einvoicing"]),
                null, "benchmark", CancellationToken.None);
        await AnnounceAsync();
        Notice = NoticeEmails.Announcement((await Services.GetRequiredService<AggregatesOfSubProcessors>().ChangeAsync(_changeId, CancellationToken.None))!,
            "en", "UTC", new NoticeEmails.Sender("Benchmark Processor", "dpo@processor.example", TimeSpan.FromDays(5)), new Uri("https://privacy.bench.example/x?token=t"), null).Body.Html;
    }

    [IterationSetup(Target = nameof(FanOutPage))]
    public void NewChange() => AnnounceAsync().GetAwaiter().GetResult();

    private async Task AnnounceAsync()
    {
        _changeId = $"bench-{Interlocked.Increment(ref _next)}";
        var entry = new SubProcessor("mailer", "Mailer", "Mailer Ltd", "https://mailer.example", "Email", ["contact details"], ["IE"], null, ["einvoicing"], null);
        var (announcement, _) = Announcement.Parse(System.Text.Json.JsonSerializer.SerializeToElement(new
        {
            changeId = _changeId, action = "add", subProcessor = new { entry.Id, entry.Name, entry.LegalEntity, entry.Website, entry.Purpose, entry.DataCategories, entry.Locations, entry.Products },
            effectiveAt = DateTimeOffset.UtcNow.AddDays(10), summary = "Benchmark change.",
        }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)), new HashSet<string> { "einvoicing" });
        var result = await Services.GetRequiredService<ChangeAnnouncements>().AnnounceAsync(announcement!, CancellationToken.None);
        if (result.Outcome != AnnounceOutcome.Created) throw new InvalidOperationException($"announce answered {result.Outcome}");
    }


    [Benchmark]
    public Task FanOutPage() => _fanOut.HandleAsync(NoticePage.First(_changeId, NoticeKeys.Announcement), CancellationToken.None);


}
