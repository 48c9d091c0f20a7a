using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.SubProcessors;
using Xunit.Abstractions;

namespace PrivacyFunctions.Tests.SubProcessors;

/// <summary>
/// The fan-out at size: 250 customers with 10 privacy contacts each (2,500 recipients) — interrupted in the middle of a
/// page, every page message delivered twice — sends each recipient exactly one notice within the storage budget.
/// </summary>
public sealed class NoticeFanOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Customers = 250;
    private const int ContactsEach = 10;
    private readonly SubProcessorScenario _s = new();

    public async Task InitializeAsync()
    {
        await _s.CreateTablesAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, Customers), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await _s.CreateCustomerAsync($"c{i:D4}", ["einvoicing"], ContactsEach));
        await _s.CreateCustomerAsync("other", ["payments"], ContactsEach); // not affected
    }

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Fact]
    public async Task A_crash_in_the_middle_and_every_page_delivered_twice_send_each_of_2500_recipients_one_notice_within_3_requests_each()
    {
        Assert.Equal(201, (await _s.AnnounceAsync(_s.AddBody())).Status);

        // The host stops in the middle of a page (after 1,234 sends): the page throws and stays on the queue.
        using var shutdown = new CancellationTokenSource();
        var sends = 0;
        _s.SendHook = _ => { if (Interlocked.Increment(ref sends) == 1_234) shutdown.Cancel(); };
        var duplicates = 0;
        using var measurement = _s.App.Requests.Measure();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DrainTwiceEachAsync(shutdown.Token, () => duplicates++));
        _s.SendHook = null;
        // The host runs the interrupted page again (its message reappears), then the rest — still each page twice.
        _s.App.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the interrupted message's visibility timeout
        await DrainTwiceEachAsync(CancellationToken.None, () => duplicates++);
        var requests = measurement.RequestsOutside(StorageNames.Tables.IntegrationEvents);

        var sent = _s.SentWithPrefix("subproc.notice.chg-1.");
        Assert.Equal(Customers * ContactsEach, sent.Count);
        Assert.Equal(sent.Count, sent.Select(s => s.Key).Distinct().Count()); // nothing sent twice
        Assert.Empty(_s.SentWithPrefix("subproc.notice.chg-1.c.other."));
        Assert.True(duplicates > 25, "every page message was delivered a second time");
        var perRecipient = (double)requests / sent.Count;
        output.WriteLine($"fan-out of {sent.Count} recipients ({duplicates} duplicate page messages, one crash): {requests} storage requests, {perRecipient:0.00} per recipient");
        Assert.True(perRecipient <= 3, $"{perRecipient:0.00} storage requests per recipient");

        var counts = (await _s.DeliveriesAsync("chg-1", "?pageSize=10")).Body.GetProperty("counts");
        Assert.Equal((2_500, 2_500, 250), (counts.GetProperty("recipients").GetInt32(), counts.GetProperty("sent").GetInt32(), counts.GetProperty("customersNotified").GetInt32()));
    }

    /// <summary>Drains the notice queue handing every message to the function twice (at-least-once delivery).</summary>
    private async Task DrainTwiceEachAsync(CancellationToken token, Action duplicate)
    {
        var queue = await _s.HostQueueAsync(StorageNames.Queues.SubProcessorNotices);
        var functions = _s.App.Function<NoticeFunctions>();
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(1))).Value is { Length: > 0 } batch)
            foreach (var message in batch)
            {
                await functions.Notices(message.Body.ToString(), token);
                await functions.Notices(message.Body.ToString(), token);
                duplicate();
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
    }
}
