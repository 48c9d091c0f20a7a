using System.Text.Json;
using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.SubProcessors;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.SubProcessors;

/// <summary>Objection windows, activation with held customers, release, and objections from link and DPO to resolution.</summary>
public sealed class ActivationAndObjectionTests : IAsyncLifetime
{
    private readonly SubProcessorScenario _s = new();

    public async Task InitializeAsync()
    {
        await _s.CreateTablesAsync();
        await _s.CreateCustomerAsync("acme", ["einvoicing"]);
        await _s.CreateCustomerAsync("initech", ["einvoicing", "payments"], locale: "fr-BE");
        await _s.CreateCustomerAsync("globex", ["payments"]);
    }

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private async Task<DateTimeOffset> AnnounceAsync(TimeSpan noticeAhead)
    {
        Assert.Equal(201, (await _s.AnnounceAsync(_s.AddBody(noticeAhead: noticeAhead))).Status);
        return _s.Now + noticeAhead;
    }

    private static JsonElement Customer(Response deliveries, string customerId) =>
        deliveries.Body.GetProperty("customers").EnumerateArray().Single(c => c.GetProperty("customerId").GetString() == customerId);

    [Fact]
    public async Task A_late_notice_alerts_the_DPO_at_once_and_before_activation_holds_the_customer_at_activation_and_releases_it_when_its_window_closes()
    {
        var effectiveAt = await AnnounceAsync(TimeSpan.FromDays(5));
        _s.App.Clock.Advance(TimeSpan.FromDays(1)); // the notices go out a day late (an outage)
        var deliveredAt = _s.Now;
        await _s.DrainNoticesAsync();
        await _s.DeliverQueuedEmailsAsync();

        var late = Assert.Single(_s.DpoAlerts("subprocessor-late-notice"));
        Assert.Contains("chg-1", late.Subject);
        var view = await _s.DeliveriesAsync("chg-1");
        Assert.True(Customer(view, "acme").GetProperty("endsAfterEffectiveAt").GetBoolean());
        Assert.Equal(2, view.Body.GetProperty("counts").GetProperty("windowsEndingAfterEffectiveAt").GetInt32());

        _s.App.Clock.SetUtcNow(effectiveAt - TimeSpan.FromDays(1)); // SubProcessors:PreActivationCheck
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        var before = Assert.Single(_s.DpoAlerts("subprocessor-windows-open"));
        Assert.Contains("acme", before.TextBody);

        _s.App.Clock.SetUtcNow(effectiveAt);
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        var entry = Assert.Single(await _s.App.Get<RegisterStore>().ReadAsync(CancellationToken.None));
        Assert.Equal(("cloudmail", DateOnly.FromDateTime(effectiveAt.UtcDateTime)), (entry.Id, entry.Since!.Value));
        var effective = Assert.Single(await _s.EventsAsync(ChangeEvents.Effective));
        Assert.Equal("einvoicing", effective.GetString("ProductId"));
        Assert.Contains("\"heldCustomers\":[\"acme\",\"initech\"]", effective.GetString("CloudEvent"));
        Assert.Contains("acme", Assert.Single(_s.DpoAlerts("subprocessor-change-effective")).TextBody);

        _s.App.Clock.SetUtcNow(deliveredAt + TimeSpan.FromDays(5)); // the late windows close without objection
        await _s.SweepAsync();
        var released = await _s.EventsAsync(ChangeEvents.CustomerReleased);
        Assert.Equal(["acme", "initech"], released.Select(r => JsonDocument.Parse(r.GetString("CloudEvent")).RootElement.GetProperty("data").GetProperty("customerId").GetString()).Order());
        Assert.All(released, r => Assert.Equal("einvoicing", r.GetString("ProductId")));
        Assert.False(Customer(await _s.DeliveriesAsync("chg-1"), "acme").GetProperty("held").GetBoolean());
    }

    [Fact]
    public async Task A_customer_onboarded_after_the_fan_out_gets_the_notice_before_activation_and_is_released_when_its_window_closes()
    {
        var effectiveAt = await AnnounceAsync(TimeSpan.FromDays(10));
        await _s.DrainNoticesAsync();
        _s.App.Clock.Advance(TimeSpan.FromDays(3));
        await _s.CreateCustomerAsync("umbrella", ["einvoicing"]); // signs after the notices went out
        Assert.Equal("notStarted", Customer(await _s.DeliveriesAsync("chg-1"), "umbrella").GetProperty("window").GetString());

        _s.App.Clock.SetUtcNow(effectiveAt - TimeSpan.FromDays(1)); // SubProcessors:PreActivationCheck
        await _s.SweepAsync();
        Assert.Single(_s.SentWithPrefix("subproc.notice.chg-1.c.umbrella."));
        Assert.Equal("open", Customer(await _s.DeliveriesAsync("chg-1"), "umbrella").GetProperty("window").GetString());
        await _s.DeliverQueuedEmailsAsync();
        Assert.Contains("umbrella", Assert.Single(_s.DpoAlerts("subprocessor-windows-open")).TextBody);

        _s.App.Clock.SetUtcNow(effectiveAt - TimeSpan.FromHours(1));
        await _s.CreateCustomerAsync("hooli", ["einvoicing"]); // signs after the pre-activation check
        _s.App.Clock.SetUtcNow(effectiveAt); // activation: hooli gets its notice now; both are held until their windows close
        await _s.SweepAsync();
        Assert.Single(_s.SentWithPrefix("subproc.notice.chg-1.c.hooli."));
        Assert.Contains("\"heldCustomers\":[\"hooli\",\"umbrella\"]", Assert.Single(await _s.EventsAsync(ChangeEvents.Effective)).GetString("CloudEvent"));

        _s.App.Clock.SetUtcNow(effectiveAt + TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1)); // both windows (5 days from each notice) have closed
        await _s.SweepAsync();
        var released = await _s.EventsAsync(ChangeEvents.CustomerReleased);
        Assert.Equal(["hooli", "umbrella"], released.Select(r => JsonDocument.Parse(r.GetString("CloudEvent")).RootElement.GetProperty("data").GetProperty("customerId").GetString()).Order());
        Assert.Single(_s.SentWithPrefix("subproc.notice.chg-1.c.umbrella.")); // never twice
    }

    [Fact]
    public async Task An_entry_at_its_maximums_in_a_non_Latin_script_is_added_then_updated_and_the_register_lists_it_whole()
    {
        static JsonObject Maximal(char from)
        {
            string Text(int length) => string.Concat(Enumerable.Range(0, length).Select(i => (char)(from + i % 80)));
            var entry = SubProcessorScenario.Entry(products: "einvoicing");
            (entry["name"], entry["legalEntity"], entry["purpose"]) = (Text(200), Text(300), Text(1_000));
            entry["website"] = "https://cloudmail.example/" + new string('p', 474);
            entry["dataCategories"] = new JsonArray(Enumerable.Range(0, 30).Select(i => (JsonNode)(i.ToString("D2") + Text(98))).ToArray());
            entry["transfer"] = new JsonObject { ["mechanism"] = "scc", ["reference"] = Text(500) };
            return entry;
        }
        Assert.Equal(201, (await _s.AnnounceAsync(_s.AddBody(entry: Maximal('あ')))).Status);
        await _s.DrainNoticesAsync();
        _s.App.Clock.Advance(TimeSpan.FromDays(10));
        await _s.SweepAsync();

        // The update's change holds the entry before and after: twice what one stored column takes.
        var update = _s.AddBody("chg-2", Maximal('ア'));
        update["action"] = "update";
        Assert.Equal(201, (await _s.AnnounceAsync(update)).Status);
        var change = (await _s.App.Get<PrivacyFunctions.Platform.Changes.AggregateChanges>().FindAsync(_s.App.Get<ChangeKind>(), "chg-2", CancellationToken.None))!;
        Assert.True(JsonSerializer.Serialize(change.State, ChangeKind.SerializerOptions).Length > PrivacyFunctions.Platform.Storage.LongTextColumn.MaxPropertyChars);
        await _s.DrainNoticesAsync();
        _s.App.Clock.Advance(TimeSpan.FromDays(10));
        await _s.SweepAsync();

        var listed = Assert.Single(await _s.App.Get<RegisterStore>().ReadAsync(CancellationToken.None));
        var expected = Maximal('ア');
        Assert.Equal((expected["name"]!.GetValue<string>(), expected["purpose"]!.GetValue<string>(), 30), (listed.Name, listed.Purpose, listed.DataCategories.Count));
        Assert.Equal(expected["transfer"]!["reference"]!.GetValue<string>(), listed.Transfer!.Reference);
    }

    [Fact]
    public async Task Notices_in_time_close_every_window_before_activation_so_no_one_is_held()
    {
        var effectiveAt = await AnnounceAsync(TimeSpan.FromDays(10));
        await _s.DrainNoticesAsync();
        _s.App.Clock.SetUtcNow(effectiveAt);
        await _s.SweepAsync();

        Assert.Contains("\"heldCustomers\":[]", Assert.Single(await _s.EventsAsync(ChangeEvents.Effective)).GetString("CloudEvent"));
        Assert.Empty(_s.DpoAlerts("subprocessor-late-notice"));
    }

    [Fact]
    public async Task A_customer_objects_through_its_link_within_its_window_stays_held_until_the_objection_is_withdrawn()
    {
        var effectiveAt = await AnnounceAsync(TimeSpan.FromDays(5));
        await _s.DrainNoticesAsync();
        var token = _s.ObjectionToken("chg-1", "acme");

        var page = await _s.Objections.GetPage(SubProcessorScenario.LinkRequest("GET", "chg-1", token), "chg-1", CancellationToken.None);
        var html = Assert.IsType<Microsoft.AspNetCore.Mvc.ContentResult>(page).Content!;
        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains("CloudMail", html);

        var objected = Response.Of(await _s.Objections.Post(SubProcessorScenario.LinkRequest("POST", "chg-1", token,
            new JsonObject { ["reason"] = "We do not accept transfers to the US." }.ToJsonString()), "chg-1", CancellationToken.None));
        Assert.Equal(201, objected.Status);
        var objectionId = objected.Body.GetProperty("objectionId").GetString()!;
        Assert.Single(await _s.EventsAsync(ChangeEvents.ObjectionReceived));
        await _s.DeliverQueuedEmailsAsync();
        Assert.Contains("We do not accept transfers to the US.", Assert.Single(_s.DpoAlerts("subprocessor-objection")).TextBody);

        // Another text from the same customer is a conflict; the same one again is a repeat.
        Assert.Equal(409, Response.Of(await _s.Objections.Post(SubProcessorScenario.LinkRequest("POST", "chg-1", token,
            new JsonObject { ["reason"] = "Other." }.ToJsonString()), "chg-1", CancellationToken.None)).Status);

        _s.App.Clock.SetUtcNow(effectiveAt + TimeSpan.FromDays(6)); // its window has closed: the objection still holds it
        await _s.SweepAsync();
        await _s.SweepAsync();
        var change = (await _s.App.Get<AggregatesOfSubProcessors>().ChangeAsync("chg-1", CancellationToken.None))!;
        Assert.Equal([("acme", HeldCustomer.ObjectionReason)], change.HeldCustomers.Select(h => (h.CustomerId, h.Reason)));

        var resolve = _s.Objections;
        var resolved = Response.Of(await resolve.Resolve(HttpRequests.Json("POST", "/x", new JsonObject { ["outcome"] = "withdrawn" }.ToJsonString()), objectionId, CancellationToken.None));
        Assert.Equal(200, resolved.Status);
        Assert.Equal("withdrawn", resolved.Body.GetProperty("status").GetString());
        Assert.Single(await _s.EventsAsync(ChangeEvents.ObjectionResolved));
        var released = Assert.Single(await _s.EventsAsync(ChangeEvents.CustomerReleased), e => e.GetString("CloudEvent").Contains("\"customerId\":\"acme\""));
        Assert.Contains("objection-withdrawn", released.GetString("CloudEvent"));
        Assert.Equal(409, Response.Of(await resolve.Resolve(HttpRequests.Json("POST", "/x", new JsonObject { ["outcome"] = "terminated" }.ToJsonString()), objectionId, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task An_objection_after_the_window_is_a_409_and_links_of_other_customers_forged_or_expired_are_refused()
    {
        await AnnounceAsync(TimeSpan.FromDays(5));
        await _s.DrainNoticesAsync();
        var acme = _s.ObjectionToken("chg-1", "acme");
        var links = _s.App.Get<LinkTokens>();

        async Task<int> Post(string? token, string changeId = "chg-1") => Response.Of(await _s.Objections.Post(
            SubProcessorScenario.LinkRequest("POST", changeId, token, new JsonObject { ["reason"] = "No." }.ToJsonString()), changeId, CancellationToken.None)).Status;

        using (var measurement = _s.App.Requests.Measure())
        {
            Assert.Equal(401, await Post(acme[..^4] + (acme.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA")));
            Assert.Equal(401, await Post(null));
            Assert.Equal(401, await Post(links.Issue(LinkPurposes.SubProcessorObjection, "globex", "chg-1", _s.Now.AddDays(30)))); // not affected
            Assert.Equal(401, await Post(links.Issue(LinkPurposes.DsrInstruction, "acme", "chg-1", _s.Now.AddDays(30)))); // another purpose
            Assert.Equal(401, await Post(acme, "chg-2")); // another change's page
            Assert.Equal(410, await Post(links.Issue(LinkPurposes.SubProcessorObjection, "acme", "chg-1", _s.Now.AddSeconds(-1))));
            Assert.Equal(404, await Post(links.Issue(LinkPurposes.SubProcessorObjection, "acme", "chg-9", _s.Now.AddDays(1)), "chg-9"));
            Assert.Equal(422, Response.Of(await _s.Objections.Post(SubProcessorScenario.LinkRequest("POST", "chg-1", acme, "{\"reason\":\"\"}"), "chg-1", CancellationToken.None)).Status);
            Assert.Empty(measurement.Writes);
        }

        _s.App.Clock.Advance(TimeSpan.FromDays(5));
        var late = Response.Of(await _s.Objections.Post(SubProcessorScenario.LinkRequest("POST", "chg-1", acme, new JsonObject { ["reason"] = "Too late?" }.ToJsonString()), "chg-1", CancellationToken.None));
        Assert.Equal(409, late.Status);
        Assert.Contains("closed", late.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_DPO_records_an_objection_received_by_email_lists_it_and_resolves_it_accommodated_which_keeps_the_customer_held()
    {
        var effectiveAt = await AnnounceAsync(TimeSpan.FromDays(5));
        await _s.DrainNoticesAsync();
        var body = new JsonObject { ["changeId"] = "chg-1", ["customerId"] = "initech", ["receivedAt"] = SubProcessorScenario.Iso(_s.Now.AddHours(2)), ["summary"] = "Objection by letter." };
        _s.App.Clock.Advance(TimeSpan.FromHours(3));

        var recorded = Response.Of(await _s.Objections.Record(HttpRequests.Json("POST", "/x", body.ToJsonString()), CancellationToken.None));
        Assert.Equal(201, recorded.Status);
        Assert.Equal("email", recorded.Body.GetProperty("channel").GetString());
        Assert.Equal(200, Response.Of(await _s.Objections.Record(HttpRequests.Json("POST", "/x", body.ToJsonString()), CancellationToken.None)).Status);

        var badCustomer = body.DeepClone().AsObject();
        badCustomer["customerId"] = "globex";
        var refused = Response.Of(await _s.Objections.Record(HttpRequests.Json("POST", "/x", badCustomer.ToJsonString()), CancellationToken.None));
        Assert.Equal((422, "customerId"), (refused.Status, Assert.Single(refused.ErrorFields)));
        var afterWindow = body.DeepClone().AsObject();
        afterWindow["customerId"] = "acme";
        afterWindow["receivedAt"] = SubProcessorScenario.Iso(effectiveAt.AddDays(1));
        _s.App.Clock.SetUtcNow(effectiveAt.AddDays(2));
        Assert.Equal(409, Response.Of(await _s.Objections.Record(HttpRequests.Json("POST", "/x", afterWindow.ToJsonString()), CancellationToken.None)).Status);

        var list = Response.Of(await _s.Objections.List(ListRequest("?status=open&changeId=chg-1"), CancellationToken.None));
        var item = Assert.Single(list.Body.GetProperty("items").EnumerateArray());
        Assert.Equal("initech", item.GetProperty("customerId").GetString());
        Assert.Equal(422, Response.Of(await _s.Objections.List(ListRequest("?state=open"), CancellationToken.None)).Status);

        var id = item.GetProperty("objectionId").GetString()!;
        Assert.Equal((422, "note"), (Response.Of(await _s.Objections.Resolve(HttpRequests.Json("POST", "/x", "{\"outcome\":\"accommodated\"}"), id, CancellationToken.None)) is var r ? (r.Status, Assert.Single(r.ErrorFields)) : default));
        Assert.Equal(200, Response.Of(await _s.Objections.Resolve(HttpRequests.Json("POST", "/x",
            "{\"outcome\":\"accommodated\",\"note\":\"initech's invoices are sent through the EU relay only.\"}"), id, CancellationToken.None)).Status);

        await _s.SweepAsync(); // activation
        var change = (await _s.App.Get<AggregatesOfSubProcessors>().ChangeAsync("chg-1", CancellationToken.None))!;
        Assert.Equal(ChangeStatus.Effective, change.Status);
        Assert.Contains(change.HeldCustomers, h => h.CustomerId == "initech" && h.Reason == HeldCustomer.ObjectionReason);
        Assert.Empty(await _s.EventsAsync(ChangeEvents.CustomerReleased));
    }

    private static Microsoft.AspNetCore.Http.HttpRequest ListRequest(string query)
    {
        var request = HttpRequests.Json("GET", "/api/subprocessors/objections");
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
        return request;
    }

    [Fact]
    public async Task A_customers_window_runs_from_its_own_notice_even_when_another_customers_id_starts_with_its_id()
    {
        await _s.CreateCustomerAsync("acme.eu", ["einvoicing"]);
        await AnnounceAsync(TimeSpan.FromDays(10));
        _s.SendHook = key => { if (key.Contains(".c.acme.", StringComparison.Ordinal) && !key.Contains(".c.acme.eu.", StringComparison.Ordinal)) throw new IOException("mailbox busy"); };
        await _s.DrainNoticesAsync(); // acme.eu notified now; acme's notice fails and waits on the email queue
        _s.SendHook = null;
        _s.App.Clock.Advance(TimeSpan.FromDays(3));
        await _s.DeliverQueuedEmailsAsync(); // acme notified 3 days later: its window ends 3 days later too

        _s.App.Clock.Advance(TimeSpan.FromDays(3)); // acme.eu's window has closed, acme's has not
        var objected = Response.Of(await _s.Objections.Post(SubProcessorScenario.LinkRequest("POST", "chg-1", _s.ObjectionToken("chg-1", "acme"),
            new JsonObject { ["reason"] = "Within our window." }.ToJsonString()), "chg-1", CancellationToken.None));
        Assert.Equal(201, objected.Status);
    }
}
