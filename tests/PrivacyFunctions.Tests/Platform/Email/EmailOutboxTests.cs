using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Tests.Platform.Email;

/// <summary>The outbox, the delivery handler and poison handling against real Azurite.</summary>
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

        await _email.Outbox.EnqueueAsync(message);
        await _email.Outbox.EnqueueAsync(message);
        Assert.Equal(2, await _email.DeliverQueuedAsync());

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
    }

    [Fact]
    public async Task An_email_costs_three_storage_requests_from_enqueue_to_its_proof()
    {
        await _email.Outbox.EnqueueAsync(EmailTestApp.Message("warm-up")); // creates the queue and table once per process
        await _email.DeliverQueuedAsync();

        var message = EmailTestApp.Message();
        using (var enqueue = _email.App.Requests.Measure())
        {
            await _email.Outbox.EnqueueAsync(message);
            Assert.Equal(["POST"], enqueue.All.Select(r => r.Split(' ')[0]));
        }
        var queued = Assert.Single(await _email.TakeQueuedAsync());
        using (var delivery = _email.App.Requests.Measure())
        {
            await _email.Handler.DeliverAsync(queued, CancellationToken.None);
            Assert.Equal(2, delivery.Requests); // the record inserted already claimed, then Sent
        }
        Assert.Equal(EmailDeliveryStatus.Sent, (await _email.RecordAsync(message.IdempotencyKey))!.Status);
    }

    [Fact]
    public async Task The_same_queue_message_delivered_twice_sends_once()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        var queued = Assert.Single(await _email.TakeQueuedAsync());

        await _email.Handler.DeliverAsync(queued, CancellationToken.None);
        await _email.Handler.DeliverAsync(queued, CancellationToken.None);

        Assert.Single(_email.Sent);
        Assert.Equal(1, (await _email.RecordAsync(message.IdempotencyKey))!.Attempts);
    }

    [Fact]
    public async Task A_crash_before_the_enqueue_leaves_nothing_and_the_callers_retry_sends_exactly_once()
    {
        var message = EmailTestApp.Message();
        _email.Queue.CrashesLeft = 1;

        await Assert.ThrowsAsync<IOException>(() => _email.Outbox.EnqueueAsync(message));
        Assert.Null(await _email.RecordAsync(message.IdempotencyKey));

        await _email.Outbox.EnqueueAsync(message); // the caller retries its own step (a change's effects are repeated until cleared)
        Assert.Equal(1, await _email.DeliverQueuedAsync());
        Assert.Single(_email.Sent);
    }

    [Fact]
    public async Task An_email_too_large_for_a_queue_message_is_recorded_first_and_queued_by_key_and_a_crash_between_is_retried()
    {
        var large = new EmailBodyBuilder();
        for (var i = 0; i < 300; i++) large.Paragraph($"Paragraph {i}: " + new string('x', 80));
        var message = EmailTestApp.Message() with { Body = large.Build() };
        _email.Queue.CrashesLeft = 1;

        await Assert.ThrowsAsync<IOException>(() => _email.Outbox.EnqueueAsync(message));
        Assert.Equal(EmailDeliveryStatus.Pending, (await _email.RecordAsync(message.IdempotencyKey))!.Status);

        var retry = await _email.Outbox.EnqueueAsync(message);
        Assert.Equal(EmailDeliveryStatus.Pending, retry.Status);
        Assert.Equal([message.IdempotencyKey], await _email.TakeQueuedAsync()); // the bare key: the content is in the record
        await _email.Handler.DeliverAsync(message.IdempotencyKey, CancellationToken.None);
        var (email, _) = Assert.Single(_email.Sent);
        Assert.Equal(message.Body.Html, email.HtmlBody);
        Assert.Equal(EmailDeliveryStatus.Sent, (await _email.Outbox.EnqueueAsync(message)).Status); // settled: not queued again
        Assert.Empty(await _email.TakeQueuedAsync());
    }

    [Fact]
    public async Task A_transport_failure_throws_for_the_host_to_retry_and_leaves_the_record_pending()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        var queued = Assert.Single(await _email.TakeQueuedAsync());
        var key = message.IdempotencyKey;
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailTransportException("ACS answered 503 after 4 attempts", permanent: false));

        var thrown = await Assert.ThrowsAsync<EmailTransportException>(() => _email.Handler.DeliverAsync(queued, CancellationToken.None));

        Assert.False(thrown.Permanent);
        var record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Pending, record!.Status);
        Assert.Equal(1, record.Attempts);
        Assert.Null(record.ClaimedUntil);
        Assert.Equal("ACS answered 503 after 4 attempts", record.LastError);

        // The host's retry of the same message succeeds once the transport recovers.
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>())).ReturnsAsync("id-2");
        await _email.Handler.DeliverAsync(queued, CancellationToken.None);
        record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Sent, record!.Status);
        Assert.Equal(2, record.Attempts);
        Assert.Equal("id-2", record.TransportMessageId);
    }

    /// <summary>An email to bob whose three delivery attempts failed transiently, as before the host poisons it.</summary>
    private async Task<(EmailMessage Message, string Key, string Queued)> FailThreeTimesAsync()
    {
        var message = EmailTestApp.Message(to: "bob@customer.example");
        await _email.Outbox.EnqueueAsync(message);
        var queued = Assert.Single(await _email.TakeQueuedAsync());
        FailSendsTo(message.To.Address);
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<EmailTransportException>(() => _email.Handler.DeliverAsync(queued, CancellationToken.None));
        return (message, message.IdempotencyKey, queued);
    }

    [Fact]
    public async Task A_poison_message_within_the_give_up_period_is_put_back_on_the_queue_with_a_delay_and_is_then_sent()
    {
        var (message, key, queued) = await FailThreeTimesAsync();

        await _email.Handler.HandlePoisonAsync(queued, CancellationToken.None); // a 2-minute outage outlasted the queue's retries

        Assert.Equal(EmailDeliveryStatus.Pending, (await _email.RecordAsync(key))!.Status);
        var alert = QueuedEmail.Parse(Assert.Single(await _email.TakeQueuedAsync()))!; // the DPO knows of the outage
        Assert.Equal(DpoAlerts.KeyFor(EmailNames.DelayedDeliveryAlertKind, key), alert.Key);
        Assert.Equal(EmailTestSettings.Dpo, alert.Content!.ToAddress);
        _email.Transport.Reset();
        _email.Transport.SetupGet(t => t.Name).Returns("Smtp");
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("after-outage");
        var (again, delay) = Assert.Single(_email.Queue.Delayed);
        Assert.Equal((queued, RedriveAfter), (again, delay)); // invisible on the queue until then
        _email.App.Clock.Advance(RedriveAfter);
        await _email.Handler.DeliverAsync(alert, CancellationToken.None);
        await _email.Handler.DeliverAsync(again, CancellationToken.None); // the message, once visible again
        Assert.Equal(EmailDeliveryStatus.Sent, (await _email.RecordAsync(key))!.Status);
        Assert.Equal(EmailDeliveryStatus.Sent, (await _email.RecordAsync(DpoAlerts.KeyFor(EmailNames.DelayedDeliveryAlertKind, key)))!.Status);
        _email.Transport.Verify(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_poison_message_after_the_give_up_period_marks_the_delivery_failed_and_alerts_the_DPO_mailbox_once()
    {
        var (message, key, queued) = await FailThreeTimesAsync();

        _email.App.Clock.Advance(TimeSpan.FromDays(1));
        var functions = ActivatorUtilities.CreateInstance<EmailDeliveryFunctions>(_email.App.Services);
        await functions.HandlePoisonAsync(queued, CancellationToken.None);
        await functions.HandlePoisonAsync(queued, CancellationToken.None); // a duplicate poison message

        var record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Failed, record!.Status);
        Assert.Equal(Now, record.FailedAt);
        Assert.StartsWith("poison after 3 attempts; last error: SMTP server refused the email: 451", record.FailureReason);
        Assert.Equal("SMTP server refused the email: 451 MessageNotAccepted", record.LastError);

        var alertKey = DpoAlerts.KeyFor(EmailNames.FailedDeliveryAlertKind, key);
        Assert.Equal("dpo-alert.email-failed." + key, alertKey);
        var queuedAlert = Assert.Single(await _email.TakeQueuedAsync()); // the alert, once
        var alert = QueuedEmail.Parse(queuedAlert)!;
        Assert.Equal(alertKey, alert.Key);
        Assert.True(alert.Content!.IsDpoAlert);
        Assert.Equal(EmailTestSettings.Dpo, alert.Content.ToAddress);
        Assert.Contains(key, alert.Content.TextBody);
        Assert.DoesNotContain(message.To.Address, alert.Content.TextBody); // the alert outlives the address's erasure: hash only
        Assert.Contains(record.RecipientHash!, alert.Content.TextBody);

        await _email.Handler.DeliverAsync(queuedAlert, CancellationToken.None);
        var (email, sentKey) = Assert.Single(_email.Sent);
        Assert.Equal(alertKey, sentKey);
        Assert.Equal(EmailTestSettings.Dpo, email.To.Address);
        Assert.Contains(_email.App.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(key));
    }

    [Fact]
    public async Task A_poisoned_DPO_alert_is_marked_failed_and_logged_critical_without_a_new_alert()
    {
        await _email.App.Get<DpoAlerts>().RaiseAsync("dsr.overdue", "dsr-42", "DSR dsr-42 is overdue", "Forward it today.");
        var queued = Assert.Single(await _email.TakeQueuedAsync());
        var key = EmailTestApp.KeyOf(queued);
        Assert.Equal("dpo-alert.dsr.overdue.dsr-42", key);
        FailSendsTo(EmailTestSettings.Dpo);
        await Assert.ThrowsAsync<EmailTransportException>(() => _email.Handler.DeliverAsync(queued, CancellationToken.None));

        _email.App.Clock.Advance(TimeSpan.FromDays(1));
        await _email.Handler.HandlePoisonAsync(queued, CancellationToken.None);

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
        var queued = Assert.Single(await _email.TakeQueuedAsync());
        var key = message.IdempotencyKey;
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailTransportException("ACS rejected the email: 400 (InvalidRecipient)", permanent: true));

        await _email.Handler.DeliverAsync(queued, CancellationToken.None);
        await _email.Handler.DeliverAsync(queued, CancellationToken.None); // redelivered: nothing more

        var record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Failed, record!.Status);
        Assert.Equal("permanent failure on attempt 1: ACS rejected the email: 400 (InvalidRecipient)", record.FailureReason);
        Assert.Equal(new[] { DpoAlerts.KeyFor(EmailNames.FailedDeliveryAlertKind, key) }, await _email.TakeQueuedKeysAsync());
        _email.Transport.Verify(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_delivery_claimed_by_another_worker_is_left_to_it_until_the_claim_runs_out()
    {
        var message = EmailTestApp.Message();
        await _email.Outbox.EnqueueAsync(message);
        var queued = Assert.Single(await _email.TakeQueuedAsync());
        var claimedElsewhere = QueuedEmail.Parse(queued)!.ToDelivery();
        claimedElsewhere.Attempts = 1;
        claimedElsewhere.ClaimedUntil = Now.AddMinutes(1);
        await _email.Store.TryInsertAsync(claimedElsewhere); // another worker holds a duplicate of the message

        await _email.Handler.DeliverAsync(queued, CancellationToken.None);
        Assert.Empty(_email.Sent);

        // The claimant died: the host's redelivery of the message, after the claim has run out, sends it.
        _email.App.Clock.Advance(TimeSpan.FromMinutes(2));
        var functions = ActivatorUtilities.CreateInstance<EmailDeliveryFunctions>(_email.App.Services);
        await functions.DeliverAsync(queued, CancellationToken.None);
        Assert.Single(_email.Sent);
        Assert.Equal(2, (await _email.RecordAsync(message.IdempotencyKey))!.Attempts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("{\"key\":\"k\"}")]
    [InlineData("{\"key\":\"bad/key\",\"email\":{}}")]
    [InlineData("{broken")]
    public async Task Malformed_messages_are_dropped_without_sending_or_writing(string message)
    {
        await _email.Handler.DeliverAsync(message, CancellationToken.None);
        await _email.Handler.HandlePoisonAsync(message, CancellationToken.None);
        Assert.Empty(_email.Sent);
        var table = await _email.App.Storage.TableAsync(EmailNames.DeliveriesTable);
        Assert.Empty(await table.QueryAsync<TableEntity>().ToListAsync());
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
        var queued = Assert.Single(await _email.TakeQueuedAsync());
        await Assert.ThrowsAsync<EmailTransportException>(() => _email.Handler.DeliverAsync(queued, CancellationToken.None));
        await _email.Handler.HandlePoisonAsync(queued, CancellationToken.None); // put back, with a delayed-delivery alert
        _email.App.Clock.Advance(TimeSpan.FromDays(1));
        await _email.Handler.HandlePoisonAsync(queued, CancellationToken.None);

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
        var queued = Assert.Single(await _email.TakeQueuedAsync());
        FailSendsTo(message.To.Address);
        await Assert.ThrowsAsync<EmailTransportException>(() => _email.Handler.DeliverAsync(queued, CancellationToken.None));
        Assert.False(await _email.Outbox.ErasePersonalDataAsync(message.IdempotencyKey)); // still pending
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("transport-id-" + message.IdempotencyKey);
        await _email.Handler.DeliverAsync(queued, CancellationToken.None);

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
        var queued = Assert.Single(await _email.TakeQueuedAsync());
        var key = message.IdempotencyKey;
        using var shutdown = new CancellationTokenSource();
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>()))
            .Returns(async (OutgoingEmail _, string _, CancellationToken token) =>
            {
                await shutdown.CancelAsync();
                token.ThrowIfCancellationRequested();
                return "never";
            });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _email.Handler.DeliverAsync(queued, shutdown.Token));

        var record = await _email.RecordAsync(key);
        Assert.Equal(EmailDeliveryStatus.Pending, record!.Status);
        Assert.Null(record.ClaimedUntil);
        _email.Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), key, It.IsAny<CancellationToken>())).ReturnsAsync("sent");
        await _email.Handler.DeliverAsync(queued, CancellationToken.None);
        Assert.Equal(EmailDeliveryStatus.Sent, (await _email.RecordAsync(key))!.Status);
    }

    [Theory]
    [InlineData("alice@customer.example.notice")]
    [InlineData("bad/key")]
    [InlineData("bad#key")]
    [InlineData(" padded")]
    [InlineData("{json-like")]
    [InlineData("")]
    public async Task Invalid_idempotency_keys_are_refused_before_anything_is_written(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _email.Outbox.EnqueueAsync(EmailTestApp.Message(key)));
        Assert.Empty(await _email.TakeQueuedAsync());
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
