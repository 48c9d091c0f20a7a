using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.DataSubjectRequests.Due;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Flow;

public sealed class DsrForwardingTests : IAsyncLifetime
{
    private readonly DsrScenario _s = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private async Task<string> IntakeAsync(string externalId = "ext-1") =>
        (await _s.PostIntakeAsync(_s.IntakeBody(externalId))).Body.GetProperty("requestId").GetString()!;

    [Fact]
    public async Task The_end_user_is_referred_once_and_every_dsr_contact_gets_the_request_with_its_deadline_and_link()
    {
        await _s.CreateCustomerAsync();
        var requestId = await IntakeAsync();

        await _s.DrainForwardingAsync();

        var request = await _s.RequestAsync(requestId);
        Assert.Equal(DsrStatus.Forwarded, request.Status);
        Assert.Equal(1, request.ForwardedToCount);
        var referral = Assert.Single(await _s.DeliveriesAsync("dsr.referral"));
        Assert.Equal("jane.doe@mail.example", referral.GetString("ToAddress"));
        Assert.DoesNotContain("delete", referral.GetString("TextBody"), StringComparison.OrdinalIgnoreCase); // nothing that answers the request
        var forward = Assert.Single(await _s.DeliveriesAsync("dsr.forward"));
        Assert.Equal("privacy-requests@acme.example", forward.GetString("ToAddress"));
        Assert.Contains("https://privacy.test.example/api/dsr/" + requestId + "/instruction?token=", forward.GetString("TextBody"));
        Assert.Contains("&lt;all&gt;", forward.GetString("HtmlBody")); // the end-user's message, HTML-encoded
        Assert.Single(await _s.EventsAsync(DsrEvents.Forwarded));
    }

    [Fact]
    public async Task A_customer_with_a_long_name_still_gets_the_request()
    {
        var body = PrivacyFunctions.Tests.Customers.CustomerFunctionsTests.ValidBody();
        body["name"] = "Acme " + new string('x', 190);
        await _s.App.Function<PrivacyFunctions.Customers.CustomerFunctions>().Put(
            HttpRequests.Json("PUT", "/api/customers/acme", body.ToJsonString()), "acme", CancellationToken.None);
        var requestId = await IntakeAsync();

        await _s.DrainForwardingAsync();

        Assert.Equal(DsrStatus.Forwarded, (await _s.RequestAsync(requestId)).Status);
        Assert.True((await _s.DeliveriesAsync("dsr.forward")).Single().GetString("Subject").Length <= 200);
    }

    [Fact]
    public async Task When_the_customer_moves_to_another_time_zone_the_reminders_follow_the_new_deadline()
    {
        await _s.CreateCustomerAsync(timeZone: "Europe/Brussels");
        var requestId = await IntakeAsync();
        await _s.DrainForwardingAsync();
        var brussels = (await _s.RequestAsync(requestId)).DeadlineIn("Europe/Brussels");
        await _s.CreateOrUpdateCustomerAsync(timeZone: "America/New_York");
        var newYork = (await _s.RequestAsync(requestId)).DeadlineIn("America/New_York");
        Assert.NotEqual(brussels.DueAt, newYork.DueAt);

        _s.App.Clock.SetUtcNow(brussels.DueAt - TimeSpan.FromDays(7));
        await _s.SweepAsync(); // the old reminder time: stale, but the new deadline's hints are made sure of
        Assert.Empty(await _s.DeliveriesAsync("dsr.reminder-7"));

        _s.App.Clock.SetUtcNow(newYork.DueAt - TimeSpan.FromDays(7));
        await _s.SweepAsync();
        Assert.Single(await _s.DeliveriesAsync("dsr.reminder-7"));

        _s.App.Clock.SetUtcNow(brussels.DueAt);
        await _s.SweepAsync(); // not overdue in New York yet
        Assert.Null((await _s.RequestAsync(requestId)).Lifecycle.Escalation);
        _s.App.Clock.SetUtcNow(newYork.DueAt);
        await _s.SweepAsync();
        Assert.Equal(EscalationReason.DeadlineOverdue, (await _s.RequestAsync(requestId)).Lifecycle.Escalation);
    }

    [Fact]
    public async Task A_request_the_product_cancelled_before_forwarding_is_never_forwarded()
    {
        await _s.CreateCustomerAsync();
        var requestId = await IntakeAsync();

        var cancel = await _s.App.Get<DsrChanges>().ApplyAsync(requestId, new DsrCommand.Cancel(),
            PrivacyFunctions.Platform.Audit.AuditActors.Product("einvoicing"), "cancelled", null, CancellationToken.None);
        await _s.DrainForwardingAsync();

        Assert.Equal(DsrChangeOutcome.Changed, cancel.Outcome);
        Assert.Equal(DsrStatus.Cancelled, (await _s.RequestAsync(requestId)).Status);
        Assert.Empty(await _s.DeliveriesAsync("dsr.forward"));
        Assert.Empty(await _s.EventsAsync(DsrEvents.Forwarded));
    }

    [Fact]
    public async Task A_forwarding_message_delivered_twice_refers_once_and_forwards_once()
    {
        await _s.CreateCustomerAsync();
        var requestId = await IntakeAsync();
        var forwarding = _s.App.Get<DsrForwarding>();

        await forwarding.ForwardAsync(requestId, CancellationToken.None);
        await forwarding.ForwardAsync(requestId, CancellationToken.None);
        await _s.DrainForwardingAsync();

        Assert.Single(await _s.DeliveriesAsync("dsr.referral"));
        Assert.Single(await _s.DeliveriesAsync("dsr.forward"));
        Assert.Single(await _s.EventsAsync(DsrEvents.Forwarded));
        var audit = await _s.App.Get<PrivacyFunctions.Platform.Audit.AuditTrail>().ExportAsync("dsr", requestId);
        Assert.Equal(["dsr.received", "dsr.forwarded"], audit.Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task A_crash_at_the_forwarding_message_stores_nothing_and_the_products_retry_is_forwarded_once()
    {
        await _s.CreateCustomerAsync();
        await _s.App.Storage.QueueAsync(DsrForwardingQueue.Name); // the queue exists; the crash is the message send
        _s.App.Faults.FailNext("POST", "/" + _s.App.Storage.QueueName(DsrForwardingQueue.Name) + "/messages");

        await Assert.ThrowsAsync<InjectedCrashException>(() => _s.PostIntakeAsync(_s.IntakeBody()));
        Assert.Equal(0, await _s.QueuedForwardingsAsync());
        Assert.DoesNotContain(await _s.App.RowsAsync(DsrStore.TableName), r => r.GetString("Aggregate") == DsrKind.Type);

        // The product was not answered 2xx: it sends the request again (a new delivery, so a new webhook-id).
        Assert.Equal(202, (await _s.PostIntakeAsync(_s.IntakeBody())).Status);
        await _s.DrainForwardingAsync();

        Assert.Single(await _s.DeliveriesAsync("dsr.referral"));
        Assert.Single(await _s.DeliveriesAsync("dsr.forward"));
        Assert.Single(await _s.EventsAsync(DsrEvents.Received));
    }

    [Fact]
    public async Task A_crash_after_the_forwarding_message_and_before_the_request_is_stored_leaves_nothing_to_forward_until_the_retry()
    {
        await _s.CreateCustomerAsync();
        await _s.PostIntakeAsync(_s.IntakeBody("warm-up")); // tables exist; the crash is the request's transaction
        _s.App.Faults.FailNext("POST", "$batch");

        await Assert.ThrowsAsync<InjectedCrashException>(() => _s.PostIntakeAsync(_s.IntakeBody()));
        var requestId = RequestIds.For("acme", "einvoicing", "ext-1");
        Assert.Null(await _s.App.Get<DsrStore>().FindAsync(requestId, CancellationToken.None));

        // Its message finds no request: while the intake may still be storing it, it looks again shortly (queued again,
        // hidden for RecheckAfter) …
        var queuedAt = _s.App.Clock.GetUtcNow();
        await _s.DrainForwardingAsync();
        Assert.Equal(1, await _s.QueuedForwardingsAsync());
        await (await _s.App.Storage.QueueAsync(DsrForwardingQueue.Name)).ClearMessagesAsync();
        // … and once the intake has certainly failed, it is dropped: nothing was accepted, nothing is forwarded.
        _s.App.Clock.Advance(DsrForwarding.StoringGrace);
        await _s.App.Get<DsrForwarding>().ForwardAsync(requestId, CancellationToken.None, queuedAt);
        Assert.Equal(0, await _s.QueuedForwardingsAsync());
        Assert.DoesNotContain(await _s.DeliveriesAsync("dsr.forward"), d => d.GetString("AggregateId") == requestId);

        // The product's retry takes over the interrupted claim and is forwarded once.
        var retry = await _s.PostIntakeAsync(_s.IntakeBody());
        Assert.Equal(202, retry.Status);
        Assert.Equal(requestId, retry.Body.GetProperty("requestId").GetString());
        await _s.DrainForwardingAsync();
        Assert.Single(await _s.DeliveriesAsync("dsr.forward"), d => d.GetString("AggregateId") == requestId);
    }

    [Fact]
    public async Task The_intake_leaves_its_received_event_to_the_forwarding_which_publishes_it_once_even_when_delivered_twice()
    {
        await _s.CreateCustomerAsync();
        var requestId = await IntakeAsync();
        Assert.Empty(await _s.EventsAsync(DsrEvents.Received)); // the intake answered without publishing it
        Assert.Single((await _s.App.Get<DsrStore>().FindAsync(requestId, CancellationToken.None))!.PendingEffects);

        // The forwarding's first run dies after publishing it (at the deadline hint); the message comes back, twice.
        _s.App.Faults.FailNext("PUT", _s.App.Storage.TableName(StorageNames.Tables.DueIndex));
        await Assert.ThrowsAsync<InjectedCrashException>(() => _s.DrainForwardingAsync());
        Assert.Single(await _s.EventsAsync(DsrEvents.Received));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the harness hid the message for a second
        await _s.DrainForwardingAsync(times: 2);

        Assert.Equal(DsrStatus.Forwarded, (await _s.RequestAsync(requestId)).Status);
        var received = Assert.Single(await _s.EventsAsync(DsrEvents.Received));
        var forwarded = Assert.Single(await _s.EventsAsync(DsrEvents.Forwarded));
        Assert.True(received.GetDateTimeOffset("Time") <= forwarded.GetDateTimeOffset("Time"));
        Assert.Single(await _s.DeliveriesAsync("dsr.forward"), d => d.GetString("AggregateId") == requestId);
    }

    [Fact]
    public async Task A_forwarding_message_that_overtakes_its_intake_forwards_the_request_once_it_is_stored()
    {
        await _s.CreateCustomerAsync();
        var requestId = RequestIds.For("acme", "einvoicing", "ext-1");
        var forwarding = _s.App.Get<DsrForwarding>();

        var queuedAt = _s.App.Clock.GetUtcNow();
        await forwarding.ForwardAsync(requestId, CancellationToken.None, queuedAt);
        Assert.Equal(1, await _s.QueuedForwardingsAsync()); // looked again later, not dropped
        Assert.Equal(202, (await _s.PostIntakeAsync(_s.IntakeBody())).Status);
        await forwarding.ForwardAsync(requestId, CancellationToken.None, queuedAt); // the look again: now it is stored
        await _s.DrainForwardingAsync(); // the intake's own message: nothing more to do

        Assert.Equal(DsrStatus.Forwarded, (await _s.RequestAsync(requestId)).Status);
        Assert.Single(await _s.DeliveriesAsync("dsr.forward"));
        Assert.Single(await _s.EventsAsync(DsrEvents.Forwarded));
    }

    [Fact]
    public async Task A_customer_without_a_dsr_contact_is_accepted_the_end_user_referred_and_the_dpo_alerted_once()
    {
        await _s.CreateCustomerAsync(withDsrContact: false);
        var requestId = await IntakeAsync();

        await _s.DrainForwardingAsync();
        _s.App.Clock.Advance(TimeSpan.FromMinutes(11));
        await _s.SweepAsync(); // re-drives; still no contact
        await _s.DrainForwardingAsync();

        var request = await _s.RequestAsync(requestId);
        Assert.Equal(DsrStatus.Received, request.Status);
        Assert.Equal(EscalationReason.NoDsrContact, request.Lifecycle.Escalation);
        Assert.Single(await _s.DeliveriesAsync("dsr.referral"));
        Assert.Empty(await _s.DeliveriesAsync("dsr.forward"));
        var alert = Assert.Single(await _s.DeliveriesAsync(), d => d.GetString("AggregateType") == "dpo-alert");
        Assert.Equal("dpo@processor.example", alert.GetString("ToAddress"));
        Assert.Single(await _s.EventsAsync(DsrEvents.Escalated));
    }

    [Fact]
    public async Task A_request_whose_forwarding_keeps_failing_is_handed_to_the_sweep_and_escalated_after_24_hours()
    {
        await _s.CreateCustomerAsync();
        var requestId = await IntakeAsync();
        // Forwarding failed on every attempt: the host moved the message to the poison queue.
        var queue = await _s.App.Storage.QueueAsync(DsrForwardingQueue.Name);
        var message = (await queue.ReceiveMessageAsync()).Value;
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await _s.App.Function<DsrForwardingFunctions>().Poison(message.Body.ToString(), CancellationToken.None);
        Assert.Single(await _s.DeliveriesAsync(), d => d.GetString("AggregateType") == "dpo-alert");

        _s.App.Clock.Advance(TimeSpan.FromHours(24));
        await _s.SweepAsync();

        var request = await _s.RequestAsync(requestId);
        Assert.Equal(EscalationReason.ForwardingOverdue, request.Lifecycle.Escalation);
        Assert.Equal(2, (await _s.DeliveriesAsync()).Count(d => d.GetString("AggregateType") == "dpo-alert"));
        Assert.True(await _s.QueuedForwardingsAsync() >= 1);
        await _s.DrainForwardingAsync();
        Assert.Equal(DsrStatus.Forwarded, (await _s.RequestAsync(requestId)).Status);
    }

    [Fact]
    public async Task A_forwarding_queue_that_nobody_processes_for_24_hours_alerts_the_dpo_once_a_day()
    {
        await _s.CreateCustomerAsync();
        await IntakeAsync();
        var watch = _s.App.Get<ForwardingWatch>();
        // The queue stamps messages on its own (real) clock; the app's clock is moved relative to it.
        _s.App.Clock.SetUtcNow(DateTimeOffset.UtcNow + TimeSpan.FromHours(23));
        Assert.Equal(0, await watch.CheckAsync(CancellationToken.None));

        _s.App.Clock.SetUtcNow(DateTimeOffset.UtcNow + TimeSpan.FromHours(25));
        Assert.Equal(1, await watch.CheckAsync(CancellationToken.None));
        Assert.Equal(1, await watch.CheckAsync(CancellationToken.None)); // still stalled: the same day's alert, once

        var alert = Assert.Single(await _s.DeliveriesAsync(), d => d.GetString("AggregateType") == "dpo-alert");
        Assert.Contains("not forwarded", alert.GetString("TextBody"));
        await _s.DrainForwardingAsync(); // once forwarding runs, the request goes out and the watch is quiet
        Assert.Equal(0, await watch.CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_poisoned_message_of_a_request_never_stored_alerts_the_dpo_and_schedules_nothing()
    {
        await _s.CreateCustomerAsync();
        var requestId = RequestIds.For("acme", "einvoicing", "never-stored");

        await _s.App.Function<DsrForwardingFunctions>().Poison($$"""{"requestId":"{{requestId}}","queuedAt":"2026-01-01T00:00:00Z"}""", CancellationToken.None);

        var alert = Assert.Single(await _s.DeliveriesAsync(), d => d.GetString("AggregateType") == "dpo-alert");
        Assert.Contains("no such request is stored", alert.GetString("TextBody"));
        Assert.Null(await _s.App.Get<DueIndex>().FindAsync(DsrDueKinds.Forwarding, requestId));
    }

    [Fact]
    public async Task Reminders_go_out_7_and_2_days_before_the_deadline_and_an_overdue_request_is_escalated()
    {
        await _s.CreateCustomerAsync();
        var requestId = await IntakeAsync();
        await _s.DrainForwardingAsync();
        var deadline = (await _s.RequestAsync(requestId)).DeadlineIn("Europe/Brussels");

        _s.App.Clock.SetUtcNow(deadline.DueAt - TimeSpan.FromDays(7));
        await _s.SweepAsync();
        Assert.Single(await _s.DeliveriesAsync("dsr.reminder-7"));
        Assert.Empty(await _s.DeliveriesAsync("dsr.reminder-2"));

        _s.App.Clock.SetUtcNow(deadline.DueAt - TimeSpan.FromDays(2));
        await _s.SweepAsync();
        await _s.SweepAsync();
        Assert.Single(await _s.DeliveriesAsync("dsr.reminder-2"));

        _s.App.Clock.SetUtcNow(deadline.DueAt);
        await _s.SweepAsync();
        var request = await _s.RequestAsync(requestId);
        Assert.Equal(EscalationReason.DeadlineOverdue, request.Lifecycle.Escalation);
        Assert.Single(await _s.DeliveriesAsync(), d => d.GetString("AggregateType") == "dpo-alert");
    }

    [Fact]
    public async Task The_storage_request_budget_per_request_holds()
    {
        await _s.CreateCustomerAsync();
        await IntakeAsync("warm-up"); // tables and queues are created once per process: not part of the budget
        await _s.DrainForwardingAsync();
        _s.App.Clock.Advance(TimeSpan.FromMinutes(11));
        await _s.SweepAsync();

        long intake, forwarding, sweep;
        string requestId;
        using (var m = _s.App.Requests.Measure()) { requestId = await IntakeAsync("measured"); intake = m.Requests; }
        using (var m = _s.App.Requests.Measure()) { await _s.DrainForwardingAsync(); forwarding = m.Requests; }
        _s.App.Clock.Advance(TimeSpan.FromMinutes(11));
        using (var m = _s.App.Requests.Measure()) { await _s.SweepAsync(); sweep = m.Requests; }

        // Every request counted here, the local event table's included (docs/dsr.md, "Storage cost", counts without it):
        // intake 6 (13 before the capability kit); forwarding 10 with the harness's queue receive/delete and its two
        // emails sent at once (22 before); the sweep finds nothing of it to do: its one range read (5 before).
        Assert.True(intake <= 6, $"intake took {intake} storage requests");
        Assert.True(forwarding <= 10, $"forwarding took {forwarding} storage requests");
        Assert.True(sweep <= 1, $"the sweep's bookkeeping took {sweep} storage requests");
        Assert.Equal(DsrStatus.Forwarded, (await _s.RequestAsync(requestId)).Status);
        Console.WriteLine($"DSR storage requests: intake {intake}, forwarding {forwarding}, sweep {sweep}");
    }
}
