using Azure.Data.Tables;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Housekeeping;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

/// <summary>Nothing is kept forever: old webhook ids deleted, old settled deliveries erased, in bounded batches (Azurite).</summary>
public sealed class HousekeepingTests : IAsyncLifetime
{
    private TestApp _app = new();
    private DateTimeOffset Now => _app.Clock.GetUtcNow();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private async Task UseSettingsAsync(Dictionary<string, string?> settings)
    {
        await _app.DisposeAsync();
        _app = new TestApp(settings);
    }

    private async Task ClaimAsync(string productId, string webhookId, TimeSpan age)
    {
        var table = await _app.Storage.TableAsync(StorageNames.Tables.WebhookReplays);
        await table.AddEntityAsync(new TableEntity(productId, webhookId) { ["SentAt"] = Now - age, ["AcceptedAt"] = Now - age });
    }

    private async Task DeliveryAsync(string key, EmailDeliveryStatus status, TimeSpan age)
    {
        var at = Now - age;
        var delivery = new EmailDelivery
        {
            IdempotencyKey = key,
            Status = status,
            ToAddress = $"{key}@customer.example",
            ToName = "Someone",
            Subject = "Subject " + key,
            TextBody = "Text for " + key,
            HtmlBody = "<p>Html for " + key + "</p>",
            RecipientHash = EmailDelivery.HashRecipient($"{key}@customer.example"),
            AggregateType = "customer",
            AggregateId = "acme",
            NoticeKind = "test",
            ContentHash = "hash",
            EnqueuedAt = at,
            SentAt = status == EmailDeliveryStatus.Sent ? at : null,
            Transport = status == EmailDeliveryStatus.Sent ? "Smtp" : null,
            TransportMessageId = status == EmailDeliveryStatus.Sent ? "msg-" + key : null,
            FailedAt = status == EmailDeliveryStatus.Failed ? at : null,
            FailureReason = status == EmailDeliveryStatus.Failed ? "rejected" : null,
        };
        Assert.NotNull(await _app.Get<EmailDeliveryStore>().TryInsertAsync(delivery));
    }

    private async Task<Dictionary<string, TableEntity>> DeliveriesAsync() =>
        (await _app.RowsAsync(StorageNames.Tables.EmailDeliveries)).ToDictionary(r => r.PartitionKey);

    private async Task<List<string>> ReplayIdsAsync() =>
        (await _app.RowsAsync(StorageNames.Tables.WebhookReplays)).Select(r => r.RowKey).Order().ToList();

    private Task<int> SweepAsync() => _app.Get<HousekeepingSweep>().RunAsync(CancellationToken.None);

    [Fact]
    public async Task Webhook_ids_older_than_the_retention_are_deleted_and_younger_ones_kept()
    {
        await ClaimAsync("einvoicing", "old-1", TimeSpan.FromDays(31));
        await ClaimAsync("payments", "old-2", TimeSpan.FromDays(400));
        await ClaimAsync("einvoicing", "young-1", TimeSpan.FromDays(29));
        await ClaimAsync("payments", "young-2", TimeSpan.FromMinutes(1));

        Assert.Equal(1, await SweepAsync());

        Assert.Equal(["young-1", "young-2"], await ReplayIdsAsync());
    }

    [Fact]
    public async Task Settled_old_deliveries_lose_address_and_content_but_keep_their_proof()
    {
        await DeliveryAsync("old-sent", EmailDeliveryStatus.Sent, TimeSpan.FromDays(91));
        await DeliveryAsync("old-failed", EmailDeliveryStatus.Failed, TimeSpan.FromDays(120));
        await DeliveryAsync("old-pending", EmailDeliveryStatus.Pending, TimeSpan.FromDays(200));
        await DeliveryAsync("young-sent", EmailDeliveryStatus.Sent, TimeSpan.FromDays(89));

        await SweepAsync();

        var rows = await DeliveriesAsync();
        foreach (var key in new[] { "old-sent", "old-failed" })
        {
            var row = rows[key];
            Assert.Equal("", row.GetString("ToAddress"));
            Assert.Null(row.GetString("ToName"));
            Assert.Equal("", row.GetString("Subject"));
            Assert.Equal("", row.GetString("TextBody"));
            Assert.Equal("", row.GetString("HtmlBody"));
            Assert.NotNull(row.GetDateTimeOffset("ErasedAt"));
            Assert.Equal(EmailDelivery.HashRecipient($"{key}@customer.example"), row.GetString("RecipientHash"));
            Assert.Equal("customer", row.GetString("AggregateType"));
        }
        Assert.NotNull(rows["old-sent"].GetDateTimeOffset("SentAt"));
        Assert.Equal("msg-old-sent", rows["old-sent"].GetString("TransportMessageId"));
        Assert.Equal("rejected", rows["old-failed"].GetString("FailureReason"));
        Assert.Equal("old-pending@customer.example", rows["old-pending"].GetString("ToAddress"));
        Assert.Equal("young-sent@customer.example", rows["young-sent"].GetString("ToAddress"));
        Assert.Null(rows["young-sent"].GetDateTimeOffset("ErasedAt"));
    }

    [Fact]
    public async Task A_second_run_changes_nothing_and_the_hint_is_due_again_the_next_day()
    {
        await ClaimAsync("einvoicing", "old-1", TimeSpan.FromDays(31));
        await DeliveryAsync("old-sent", EmailDeliveryStatus.Sent, TimeSpan.FromDays(91));
        Assert.Equal(1, await SweepAsync());
        var hint = await _app.Get<DueIndex>().FindAsync(HousekeepingDueKinds.Sweep, HousekeepingDueKinds.DailyItem);
        Assert.Equal(Now + HousekeepingSweepHandler.NextRunAfter, hint!.DueAt);
        var deliveries = await DeliveriesAsync();

        using (var measurement = _app.Requests.Measure())
        {
            Assert.Equal(0, await SweepAsync()); // not due again yet: nothing read but the due index, nothing written
            Assert.Empty(measurement.Writes);
            var batch = await _app.Get<HousekeepingSweepHandler>().RunBatchAsync(Now, CancellationToken.None);
            Assert.Equal(new HousekeepingBatch(0, 0, false), batch);
            Assert.Empty(measurement.Writes);
        }

        _app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(
            deliveries.Values.Select(r => (r.PartitionKey, r.ETag)),
            (await DeliveriesAsync()).Values.Select(r => (r.PartitionKey, r.ETag)));
        var hints = await _app.RowsAsync(StorageNames.Tables.DueIndex);
        Assert.Single(hints, h => h.GetString("Kind") == HousekeepingDueKinds.Sweep);
    }

    [Fact]
    public async Task Each_batch_is_bounded_and_a_run_drains_the_backlog_batch_by_batch()
    {
        await UseSettingsAsync(new() { ["Housekeeping:BatchSize"] = "3", ["Housekeeping:MaxBatchesPerRun"] = "2" });
        for (var i = 0; i < 7; i++)
        {
            await ClaimAsync(i % 2 == 0 ? "einvoicing" : "payments", $"old-{i}", TimeSpan.FromDays(31 + i));
            await DeliveryAsync($"old-{i}", EmailDeliveryStatus.Sent, TimeSpan.FromDays(91 + i));
        }

        var first = await _app.Get<HousekeepingSweepHandler>().RunBatchAsync(Now, CancellationToken.None);
        Assert.Equal(new HousekeepingBatch(3, 3, true), first);
        Assert.Equal(4, (await ReplayIdsAsync()).Count);

        Assert.Equal(2, await SweepAsync()); // at most Housekeeping:MaxBatchesPerRun batches: 3 more, then 1 (done)
        Assert.Empty(await ReplayIdsAsync());
        Assert.All((await DeliveriesAsync()).Values, r => Assert.Equal("", r.GetString("ToAddress")));
    }

    [Fact]
    public async Task A_run_stops_after_its_batch_limit_and_the_next_run_goes_on()
    {
        await UseSettingsAsync(new() { ["Housekeeping:BatchSize"] = "2", ["Housekeeping:MaxBatchesPerRun"] = "2" });
        for (var i = 0; i < 7; i++)
            await ClaimAsync("einvoicing", $"old-{i}", TimeSpan.FromDays(31 + i));

        Assert.Equal(2, await SweepAsync());
        Assert.Equal(3, (await ReplayIdsAsync()).Count);

        Assert.Equal(2, await SweepAsync()); // the hint was left due: the next tick continues
        Assert.Empty(await ReplayIdsAsync());
    }

    [Fact]
    public void The_options_are_validated_naming_each_setting()
    {
        var validation = new HousekeepingOptionsValidation();
        Assert.True(validation.Validate(null, new HousekeepingOptions { SweepSchedule = "0 0 3 * * *" }).Succeeded);

        var failures = validation.Validate(null, new HousekeepingOptions
        {
            WebhookIdRetention = TimeSpan.FromMinutes(10), EmailContentRetention = TimeSpan.Zero, BatchSize = 0, MaxBatchesPerRun = 0, SweepSchedule = "",
        }).Failures!.ToList();
        foreach (var setting in new[] { "WebhookIdRetention", "EmailContentRetention", "BatchSize", "MaxBatchesPerRun", "SweepSchedule" })
            Assert.Contains(failures, f => f.StartsWith("Housekeeping:" + setting, StringComparison.Ordinal));
    }
}
