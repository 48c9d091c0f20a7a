using PrivacyFunctions.Breaches;
using PrivacyFunctions.Platform.Storage;
using Xunit.Abstractions;

namespace PrivacyFunctions.Tests.Breaches;

/// <summary>
/// The breach notice to 2,500 customers (one security contact each) — interrupted in the middle of a page, every page
/// message delivered twice — notifies each customer exactly once, with its clock recorded, within 4 requests a customer.
/// </summary>
public sealed class BreachFanOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Customers = 2_500;
    private readonly BreachScenario _s = new();

    public async Task InitializeAsync()
    {
        await _s.CreateTablesAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, Customers), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await _s.CreateCustomerAsync($"c{i:D4}", ["einvoicing"], privacyContacts: 1, securityContacts: 1));
        await _s.CreateCustomerAsync("other", ["payments"], securityContacts: 1); // not affected
    }

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Fact]
    public async Task A_crash_in_the_middle_and_every_page_delivered_twice_notify_each_of_2500_customers_once_within_4_requests_each()
    {
        var breachId = await _s.OpenAsync();
        Assert.Equal(200, (await _s.AssessAsync(breachId)).Status);
        Assert.Equal(200, (await _s.NotifyAsync(breachId)).Status);

        using var shutdown = new CancellationTokenSource();
        var sends = 0;
        _s.SendHook = _ => { if (Interlocked.Increment(ref sends) == 1_234) shutdown.Cancel(); };
        using var measurement = _s.App.Requests.Measure();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _s.DrainNoticesAsync(shutdown.Token, times: 2));
        _s.SendHook = null;
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the interrupted message's visibility timeout
        var pages = await _s.DrainNoticesAsync(times: 2);
        var requests = measurement.RequestsOutside(StorageNames.Tables.IntegrationEvents);

        var sent = _s.SentWithPrefix($"breach.{breachId}.initial.");
        Assert.Equal(Customers, sent.Count);
        Assert.Equal(Customers, sent.Select(s => s.Key).Distinct().Count()); // nothing sent twice
        Assert.All(sent, s => Assert.StartsWith("security1@", s.Email.To.Address));
        Assert.Empty(_s.SentWithPrefix($"breach.{breachId}.initial.other."));
        Assert.Equal(Customers, (await _s.App.Get<BreachReader>().NotifiedAsync(breachId, CancellationToken.None)).Count);
        var perCustomer = (double)requests / Customers;
        output.WriteLine($"breach notice to {Customers} customers ({pages} pages after the crash, each delivered twice): {requests} storage requests, {perCustomer:0.00} per customer");
        Assert.True(perCustomer <= 4, $"{perCustomer:0.00} storage requests per notified customer");
    }
}
