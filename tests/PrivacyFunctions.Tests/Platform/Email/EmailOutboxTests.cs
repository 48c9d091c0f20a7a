using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Tests.Platform.Email;

/// <summary>The outbox, the delivery handler, the redrive sweep and poison handling against real Azurite.</summary>
public sealed class EmailOutboxTests : IAsyncLifetime
{
    private readonly EmailTestApp _email = new();
    private DateTimeOffset Now => _email.App.Clock.GetUtcNow();
    private TimeSpan RedriveAfter => _email.App.Get<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value.RedriveAfter;

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _email.DisposeAsync().AsTask();

    [Fact]
    public async Task Enqueuing_the_same_message_twice_makes_one_record_and_sends_once()
    {
        var message = EmailTestApp.Message();

        var first = await _email.Outbox.EnqueueAsync(message);
        var second = await _email.Outbox.EnqueueAsync(message);
        await _email.DeliverQueuedAsync();

        Assert.True(first.Created);
        Assert.False(second.Created);
        var (email, key) = Assert.Single(_email.Sent);
        Assert.Equal(message.IdempotencyKey, key);
        Assert.Equal("alice@customer.example", email.To.Address);
        Assert.Equal(EmailTestSettings.Sender, email.From.Address);
        Assert.Equal(message.Body.Html, email.HtmlBody);

        var table = await _email.App.Storage.TableAsync(EmailNames.DeliveriesTable);
        var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == message.IdempotencyKey).ToListAsync();
        Assert.Single(rows);
        var record = await _email.RecordAsync(message.IdempotencyKey);
        Assert.Equal(EmailDeliveryStatus.Sent, record!.Status);
        Assert.Equal(Now, record.SentAt);
        Assert.Equal("Smtp", record.Transport);
        Assert.Equal("transport-id-" + message.IdempotencyKey, record.TransportMessageId);
        Assert.Equal(("subprocessor-change", "chg-1", "subprocessor.notice"), (record.AggregateType, record.AggregateId, record.NoticeKind));
        Assert.Empty(await _email.App.Get<DueIndex>().ReadDueAsync(Now.AddDays(1), kind: EmailNames.RedriveDueKind));
    }

    [Fact]
    public async Task The_same_queue_message_delivered_twice_sends_once()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        var key = Assert.Single(await _email.TakeQueuedKeysAsync());

        await _email.Handler.DeliverAsync(key, CancellationToken.None);
        await _email.Handler.DeliverAsync(key, CancellationToken.None);

        Assert.Single(_email.Sent);
        Assert.Equal(1, (await _email.RecordAsync(key))!.Attempts);
    }

    [Fact]
    public async Task A_crash_between_record_and_enqueue_is_recovered_by_the_sweep_after_RedriveAfter_and_sends_exactly_once()
    {
        var message = EmailTestApp.Message();
        _email.Queue.CrashesLeft = 1;

        await Assert.ThrowsAsync<IOException>(() => _email.Outbox.EnqueueAsync(message));
        Assert.Empty(await _email.TakeQueuedKeysAsync());
        Assert.Equal(EmailDeliveryStatus.Pending, (await _email.RecordAsync(message.IdempotencyKey))!.Status);

        Assert.Equal(0, await _email.Sweep.RunAsync(CancellationToken.None)); // not due yet
        Assert.Empty(await _email.TakeQueuedKeysAsync());

        _email.App.Clock.Advance(RedriveAfter);
        Assert.Equal(1, await _email.Sweep.RunAsync(CancellationToken.None));
        Assert.Equal(1, await _email.DeliverQueuedAsync());

        _email.App.Clock.Advance(RedriveAfter * 3);
        Assert.Equal(0, await _email.Sweep.RunAsync(CancellationToken.None));
        Assert.Equal(0, await _email.DeliverQueuedAsync());
        Assert.Single(_email.Sent);
        Assert.Equal(EmailDeliveryStatus.Sent, (await _email.RecordAsync(message.IdempotencyKey))!.Status);
        Assert.Empty(await _email.App.Get<DueIndex>().ReadDueAsync(Now.AddDays(1), kind: EmailNames.RedriveDueKind));
    }

    [Fact]
    public async Task A_retried_enqueue_after_a_crash_enqueues_the_pending_delivery_again()
    {
        var message = EmailTestApp.Message();
        _email.Queue.CrashesLeft = 1;
        await Assert.ThrowsAsync<IOException>(() => _email.Outbox.EnqueueAsync(message));

        var retry = await _email.Outbox.EnqueueAsync(message); // the caller retries its own step

        Assert.False(retry.Created);
        Assert.Equal(EmailDeliveryStatus.Pending, retry.Status);
        Assert.Equal(1, await _email.DeliverQueuedAsync());
        Assert.Single(_email.Sent);
    }

    [Fact]
    public async Task A_transport_failure_throws_for_the_host_to_retry_and_leaves_the_record_pending()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        var key = Assert.Single(await _email.TakeQueuedKeysAsync());
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailTransportException("ACS answered 503 after 4 attempts", permanent: false));

        var thrown = await Assert.ThrowsAsync<EmailTransportException>(() => _email.Handler.DeliverAsync(key, CancellationToken.None));

        Assert.False(thrown.Permanent);
        var record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Pending, record!.Status);
        Assert.Equal(1, record.Attempts);
        Assert.Null(record.ClaimedUntil);
        Assert.Equal("ACS answered 503 after 4 attempts", record.LastError);

        // The host's retry of the same message succeeds once the transport recovers.
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>())).ReturnsAsync("id-2");
        await _email.Handler.DeliverAsync(key, CancellationToken.None);
        record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Sent, record!.Status);
        Assert.Equal(2, record.Attempts);
        Assert.Equal("id-2", record.TransportMessageId);
    }

    /// <summary>An email to bob whose three delivery attempts failed transiently, as before the host poisons it.</summary>
    private async Task<(EmailMessage Message, string Key)> FailThreeTimesAsync()
    {
        var message = EmailTestApp.Message(to: "bob@customer.example");
        await _email.Outbox.EnqueueAsync(message);
        var key = Assert.Single(await _email.TakeQueuedKeysAsync());
        FailSendsTo(message.To.Address);
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<EmailTransportException>(() => _email.Handler.DeliverAsync(key, CancellationToken.None));
        return (message, key);
    }

    [Fact]
    public async Task A_poison_message_within_the_give_up_period_stays_pending_for_the_sweep_and_is_then_sent()
    {
        var (message, key) = await FailThreeTimesAsync();

        await _email.Handler.HandlePoisonAsync(key, CancellationToken.None); // a 2-minute outage outlasted the queue's retries

        Assert.Equal(EmailDeliveryStatus.Pending, (await _email.RecordAsync(key))!.Status);
        Assert.Null(await _email.RecordAsync(DpoAlerts.KeyFor(EmailNames.FailedDeliveryAlertKind, key)));
        var delayed = await _email.RecordAsync(DpoAlerts.KeyFor(EmailNames.DelayedDeliveryAlertKind, key)); // the DPO knows of the outage
        Assert.Equal(EmailTestSettings.Dpo, delayed!.ToAddress);
        _email.Transport.Reset();
        _email.Transport.SetupGet(t => t.Name).Returns("Smtp");
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("after-outage");
        _email.App.Clock.Advance(TimeSpan.FromMinutes(16));
        await _email.Sweep.RunAsync(CancellationToken.None);
        await _email.DeliverQueuedAsync(); // the re-driven email and the delayed-delivery alert (queued and re-driven)
        Assert.Equal(EmailDeliveryStatus.Sent, (await _email.RecordAsync(key))!.Status);
        Assert.Equal(EmailDeliveryStatus.Sent, (await _email.RecordAsync(DpoAlerts.KeyFor(EmailNames.DelayedDeliveryAlertKind, key)))!.Status);
        _email.Transport.Verify(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_poison_message_after_the_give_up_period_marks_the_delivery_failed_and_alerts_the_DPO_mailbox_once()
    {
        var (message, key) = await FailThreeTimesAsync();

        _email.App.Clock.Advance(TimeSpan.FromDays(1));
        var functions = ActivatorUtilities.CreateInstance<EmailDeliveryFunctions>(_email.App.Services);
        await functions.HandlePoisonAsync(key, CancellationToken.None);
        await functions.HandlePoisonAsync(key, CancellationToken.None); // a duplicate poison message

        var record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Failed, record!.Status);
        Assert.Equal(Now, record.FailedAt);
        Assert.StartsWith("poison after 3 attempts; last error: SMTP server refused the email: 451", record.FailureReason);
        Assert.Equal("SMTP server refused the email: 451 MessageNotAccepted", record.LastError);

        var alertKey = DpoAlerts.KeyFor(EmailNames.FailedDeliveryAlertKind, key);
        Assert.Equal("dpo-alert.email-failed." + key, alertKey);
        var alert = await _email.RecordAsync(alertKey);
        Assert.NotNull(alert);
        Assert.True(alert.IsDpoAlert);
        Assert.Equal(EmailTestSettings.Dpo, alert.ToAddress);
        Assert.Contains(key, alert.TextBody);
        Assert.DoesNotContain(message.To.Address, alert.TextBody); // the alert outlives the address's erasure: hash only
        Assert.Contains(record.RecipientHash!, alert.TextBody);

        Assert.Equal(1, await _email.DeliverQueuedAsync()); // the alert, once
        var (email, sentKey) = Assert.Single(_email.Sent);
        Assert.Equal(alertKey, sentKey);
        Assert.Equal(EmailTestSettings.Dpo, email.To.Address);
        Assert.Contains(_email.App.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(key));
    }

    [Fact]
    public async Task A_poisoned_DPO_alert_is_marked_failed_and_logged_critical_without_a_new_alert()
    {
        await _email.App.Get<DpoAlerts>().RaiseAsync("dsr.overdue", "dsr-42", "DSR dsr-42 is overdue", "Forward it today.");
        var key = Assert.Single(await _email.TakeQueuedKeysAsync());
        Assert.Equal("dpo-alert.dsr.overdue.dsr-42", key);
        FailSendsTo(EmailTestSettings.Dpo);
        await Assert.ThrowsAsync<EmailTransportException>(() => _email.Handler.DeliverAsync(key, CancellationToken.None));

        _email.App.Clock.Advance(TimeSpan.FromDays(1));
        await _email.Handler.HandlePoisonAsync(key, CancellationToken.None);

        Assert.Equal(EmailDeliveryStatus.Failed, (await _email.RecordAsync(key))!.Status);
        Assert.Empty(await _email.TakeQueuedKeysAsync());
        Assert.Null(await _email.RecordAsync(DpoAlerts.KeyFor(EmailNames.FailedDeliveryAlertKind, key)));
        Assert.Contains(_email.App.Logs.GetSnapshot(), r => r.Level == LogLevel.Critical && r.Message.Contains(key));
    }

    [Fact]
    public async Task A_permanent_refusal_fails_the_delivery_at_once_and_alerts_without_throwing()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        var key = Assert.Single(await _email.TakeQueuedKeysAsync());
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailTransportException("ACS rejected the email: 400 (InvalidRecipient)", permanent: true));

        await _email.Handler.DeliverAsync(key, CancellationToken.None);
        await _email.Handler.DeliverAsync(key, CancellationToken.None); // redelivered: nothing more

        var record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Failed, record!.Status);
        Assert.Equal("permanent failure on attempt 1: ACS rejected the email: 400 (InvalidRecipient)", record.FailureReason);
        Assert.Equal(new[] { DpoAlerts.KeyFor(EmailNames.FailedDeliveryAlertKind, key) }, await _email.TakeQueuedKeysAsync());
        _email.Transport.Verify(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_delivery_claimed_by_another_worker_is_left_to_it()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        var key = Assert.Single(await _email.TakeQueuedKeysAsync());
        var (record, etag) = (await _email.Store.GetAsync(key))!.Value;
        record.ClaimedUntil = Now.AddMinutes(1);
        await _email.Store.TryUpdateAsync(record, etag);

        await _email.Handler.DeliverAsync(key, CancellationToken.None);
        Assert.Empty(_email.Sent);

        // The claimant died: once the claim and the redrive time have passed, the sweep sends it.
        _email.App.Clock.Advance(RedriveAfter);
        await _email.Sweep.RunAsync(CancellationToken.None);
        await _email.DeliverQueuedAsync();
        Assert.Single(_email.Sent);
    }

    [Fact]
    public async Task The_sweep_drops_hints_of_settled_deliveries_and_of_enqueues_that_never_wrote_a_record()
    {
        var due = _email.App.Get<DueIndex>();
        await due.ScheduleAsync(new DueItem(EmailNames.RedriveDueKind, "never-recorded", Now));
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        await _email.DeliverQueuedAsync();
        await due.ScheduleAsync(new DueItem(EmailNames.RedriveDueKind, message.IdempotencyKey, Now)); // a stale hint

        Assert.Equal(0, await _email.Sweep.RunAsync(CancellationToken.None));

        Assert.Empty(await due.ReadDueAsync(Now.AddDays(1), kind: EmailNames.RedriveDueKind));
        Assert.Empty(await _email.TakeQueuedKeysAsync());
        Assert.Single(_email.Sent);
    }

    [Fact]
    public async Task The_function_class_runs_the_sweep_from_its_timer()
    {
        var message = EmailTestApp.Message();
        _email.Queue.CrashesLeft = 1;
        await Assert.ThrowsAsync<IOException>(() => _email.Outbox.EnqueueAsync(message));
        _email.App.Clock.Advance(RedriveAfter);
        var functions = ActivatorUtilities.CreateInstance<EmailDeliveryFunctions>(_email.App.Services);

        await functions.SweepAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        foreach (var key in await _email.TakeQueuedKeysAsync())
            await functions.DeliverAsync(key, CancellationToken.None);

        Assert.Single(_email.Sent);
    }

    [Fact]
    public async Task Logs_name_keys_and_notice_ids_but_never_addresses_names_or_subjects()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        await _email.Outbox.EnqueueAsync(message);
        await _email.DeliverQueuedAsync();
        var failing = EmailTestApp.Message("test.notice.c1.s2", "carol@customer.example");
        await _email.Outbox.EnqueueAsync(failing);
        FailSendsTo("carol@customer.example");
        foreach (var key in await _email.TakeQueuedKeysAsync())
            await Assert.ThrowsAsync<EmailTransportException>(() => _email.Handler.DeliverAsync(key, CancellationToken.None));
        _email.App.Clock.Advance(TimeSpan.FromDays(1));
        await _email.Handler.HandlePoisonAsync(failing.IdempotencyKey, CancellationToken.None);

        var records = _email.App.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.Contains(message.IdempotencyKey));
        foreach (var record in records)
        {
            var text = record.Message + " " + string.Join(" ", record.StructuredState?.Select(s => s.Value) ?? []) + " " + record.Exception;
            Assert.DoesNotContain("@", text);
            Assert.DoesNotContain("Alice", text);
            Assert.DoesNotContain(message.Subject, text);
            Assert.DoesNotContain("sub-processor will be engaged", text);
        }
    }

    [Fact]
    public async Task Erasing_a_sent_delivery_keeps_the_proof_but_not_the_address_or_content()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        Assert.False(await _email.Outbox.ErasePersonalDataAsync(message.IdempotencyKey)); // still pending
        await _email.DeliverQueuedAsync();

        Assert.True(await _email.Outbox.ErasePersonalDataAsync(message.IdempotencyKey));
        Assert.True(await _email.Outbox.ErasePersonalDataAsync(message.IdempotencyKey));

        var table = await _email.App.Storage.TableAsync(EmailNames.DeliveriesTable);
        var row = (await table.GetEntityAsync<TableEntity>(message.IdempotencyKey, "delivery")).Value;
        Assert.DoesNotContain(row, p => p.Value is string text && (text.Contains("alice", StringComparison.OrdinalIgnoreCase) || text.Contains("sub-processor will")));
        var record = await _email.RecordAsync(message.IdempotencyKey);
        Assert.Equal(EmailDeliveryStatus.Sent, record!.Status);
        Assert.Equal(EmailDelivery.HashRecipient("Alice@Customer.example"), record.RecipientHash);
        Assert.Equal("transport-id-" + message.IdempotencyKey, record.TransportMessageId);
        Assert.Equal(Now, record.ErasedAt);
    }

    [Fact]
    public async Task A_host_shutdown_during_a_send_releases_the_claim_for_the_redelivered_message()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        var key = Assert.Single(await _email.TakeQueuedKeysAsync());
        using var shutdown = new CancellationTokenSource();
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()))
            .Returns(async (OutgoingEmail _, string _, CancellationToken token) =>
            {
                await shutdown.CancelAsync();
                token.ThrowIfCancellationRequested();
                return "never";
            });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _email.Handler.DeliverAsync(key, shutdown.Token));

        var record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Pending, record!.Status);
        Assert.Null(record.ClaimedUntil);
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>())).ReturnsAsync("sent");
        await _email.Handler.DeliverAsync(key, CancellationToken.None);
        Assert.Equal(EmailDeliveryStatus.Sent, (await _email.RecordAsync(key))!.Status);
    }

    [Theory]
    [InlineData("alice@customer.example.notice")]
    [InlineData("bad/key")]
    [InlineData("bad#key")]
    [InlineData(" padded")]
    [InlineData("")]
    public async Task Invalid_idempotency_keys_are_refused_before_anything_is_written(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _email.Outbox.EnqueueAsync(EmailTestApp.Message(key)));
        Assert.Empty(await _email.App.Get<DueIndex>().ReadDueAsync(Now.AddDays(1), EmailDeliverySweep.Family));
    }

    [Fact]
    public async Task Header_injection_in_the_subject_and_bad_recipients_are_refused()
    {
        var message = EmailTestApp.Message();
        await Assert.ThrowsAsync<ArgumentException>(() => _email.Outbox.EnqueueAsync(message with { Subject = "Hi\r\nBcc: evil@attacker.example" }));
        await Assert.ThrowsAsync<ArgumentException>(() => _email.Outbox.EnqueueAsync(message with { To = new EmailRecipient("not-an-address") }));
        await Assert.ThrowsAsync<ArgumentException>(() => _email.Outbox.EnqueueAsync(message with { UnsubscribeUrl = new Uri("javascript:alert(1)") }));
    }

    private void FailSendsTo(string address) =>
        _email.Transport.Setup(t => t.SendAsync(It.Is<OutgoingEmail>(e => e.To.Address == address), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailTransportException("SMTP server refused the email: 451 MessageNotAccepted", permanent: false));
}
