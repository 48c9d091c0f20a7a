using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Breaches;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Breaches;

/// <summary>A breach from report to closure: triage, assessment, complete and phased notices, updates, acknowledgements, clocks.</summary>
public sealed class BreachFlowTests : IAsyncLifetime
{
    private readonly BreachScenario _s = new();

    public async Task InitializeAsync()
    {
        await _s.CreateTablesAsync();
        await _s.CreateCustomerAsync("acme", ["einvoicing"], securityContacts: 2);
        await _s.CreateCustomerAsync("initech", ["einvoicing", "payments"], locale: "fr-BE");
        await _s.CreateCustomerAsync("globex", ["payments"]);
    }

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Fact]
    public async Task A_product_report_opens_a_breach_in_triage_alerts_the_DPO_at_once_and_a_repeat_finds_the_same_breach()
    {
        var body = _s.ReportBody();
        var reported = await _s.ReportAsync(body);
        Assert.Equal(202, reported.Status);
        Assert.Equal("triage", reported.Body.GetProperty("status").GetString());
        var breachId = reported.Body.GetProperty("breachId").GetString()!;
        await _s.DeliverQueuedEmailsAsync();
        Assert.Contains(breachId, Assert.Single(_s.DpoAlerts("breach-reported")).Subject);
        Assert.Single(await _s.EventsAsync(BreachEvents.Reported));

        var again = await _s.ReportAsync(body);
        Assert.Equal((200, breachId), (again.Status, again.Body.GetProperty("breachId").GetString()));

        using var measurement = _s.App.Requests.Measure();
        Assert.Equal(401, (await _s.ReportAsync(body, "msg_breach_1")).Status); // a replayed webhook-id
        var other = await _s.ReportAsync(_s.ReportBody("inc-2"), productId: "payments"); // signed by another product than the body names
        Assert.Equal((422, "productId"), (other.Status, Assert.Single(other.ErrorFields)));
        var unsigned = Response.Of(await _s.Functions.Report(HttpRequests.Json("POST", "/api/breaches/reports", body.ToJsonString()), CancellationToken.None));
        Assert.Equal(401, unsigned.Status);
        Assert.DoesNotContain(measurement.Writes, w => !w.Contains("WebhookReplays", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_breach_at_the_documented_maximums_in_any_script_is_stored_read_back_notified_and_updated_whole()
    {
        // Three 4,000-character texts in a non-Latin script (each escaped to six characters in JSON), three lists of 50
        // lines of 200 characters and 100 long customer ids: within the 64 KiB body limit, far beyond what one stored
        // column holds — in the breach, in its notice's snapshot and in each notice email's delivery record.
        static string Text(char from) => string.Concat(Enumerable.Range(0, 4_000).Select(i => (char)(from + i % 40)));
        static JsonArray Lines(string what) => new(Enumerable.Range(0, 50).Select(i => (JsonNode)$"{what} {i:D2} ".PadRight(200, 'l')).ToArray());
        var facts = _s.CompleteFacts();
        (facts["nature"], facts["likelyConsequences"], facts["measures"]) = (Text('α'), Text('Ж'), Text('Ա'));
        (facts["dataSubjectCategories"], facts["recordCategories"]) = (Lines("subjects"), Lines("records"));
        var body = _s.ReportBody("inc-max", facts);
        body["systems"] = Lines("system");
        body["customers"] = new JsonArray(Enumerable.Range(0, 100).Select(i => (JsonNode)$"customer-{i:D4}-{new string('x', 50)}").ToArray());
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(body.ToJsonString(BreachScenario.Utf8Json)), 60_000, 64 * 1024);

        var reported = await _s.ReportAsync(body);
        Assert.True(reported.Status == 202, reported.Body.ToString());
        var breachId = reported.Body.GetProperty("breachId").GetString()!;
        var read = Response.Of(await _s.App.Function<BreachRegisterFunctions>().Get(HttpRequests.Json("GET", $"/api/breaches/{breachId}"), breachId, CancellationToken.None));
        Assert.Equal(200, read.Status);
        Assert.Equal(Text('Ж'), read.Body.GetProperty("breach").GetProperty("facts").GetProperty("likelyConsequences").GetString());

        Assert.Equal(200, (await _s.AssessAsync(breachId)).Status);
        Assert.Equal(200, (await _s.NotifyAsync(breachId)).Status);
        await _s.DrainNoticesAsync();
        var notices = _s.SentWithPrefix($"breach.{breachId}.initial.");
        Assert.Equal(3, notices.Count);
        Assert.All(notices, n => Assert.Contains(Text('α'), n.Email.TextBody));
        Assert.All(notices, n => Assert.Contains("records 49 ", n.Email.TextBody));
        Assert.All(notices, n => Assert.True(n.Email.HtmlBody.Length > 40_000, "the email outgrows one stored column"));

        var update = await _s.UpdateAsync(breachId, Text('Ω'));
        Assert.Equal(200, update.Status);
        await _s.DrainNoticesAsync();
        Assert.All(_s.SentWithPrefix($"breach.{breachId}.update-1."), n => Assert.Contains(Text('Ω'), n.Email.TextBody));
        Assert.Equal(3, _s.SentWithPrefix($"breach.{breachId}.update-1.").Count);
    }

    [Fact]
    public async Task An_update_and_the_closure_decided_while_the_initial_notice_is_going_out_reach_every_customer_it_reaches()
    {
        var breachId = await _s.OpenAsync();
        Assert.Equal(200, (await _s.AssessAsync(breachId)).Status);
        Assert.Equal(200, (await _s.NotifyAsync(breachId)).Status);
        // While the initial page is at acme (initech not recorded yet), the DPO sends an update and closes the breach,
        // and their fan-outs run at once: they find acme only.
        var raced = 0;
        _s.SendHook = key =>
        {
            if (!key.Contains(".initial.acme.", StringComparison.Ordinal) || Interlocked.Exchange(ref raced, 1) == 1) return;
            Task.Run(async () =>
            {
                Assert.Equal(200, (await _s.UpdateAsync(breachId, "Keys rotated; no misuse seen.")).Status);
                Assert.Equal(200, (await _s.CloseAsync(breachId)).Status);
                await _s.DrainNoticesAsync();
            }).GetAwaiter().GetResult();
        };
        await _s.DrainNoticesAsync(visibility: TimeSpan.FromMinutes(1)); // the initial page's message stays hidden meanwhile
        _s.SendHook = null;

        Assert.Equal(1, raced);
        foreach (var tag in new[] { "initial", "update-1", "closure" })
        {
            var sent = _s.SentWithPrefix($"breach.{breachId}.{tag}.");
            Assert.Equal(["privacy1@initech.example", "security1@acme.example", "security2@acme.example"], sent.Select(n => n.Email.To.Address).Order());
            Assert.Equal(3, sent.Select(n => n.Key).Distinct().Count());
        }
    }

    [Fact]
    public async Task Notices_need_an_assessment_and_every_Art_33_3_element_or_go_out_as_an_initial_phased_notice_listing_exactly_what_is_missing()
    {
        var facts = _s.CompleteFacts();
        facts.Remove("likelyConsequences");
        facts.Remove("recordsApprox");
        var breachId = await _s.OpenAsync(facts);

        Assert.Equal(409, (await _s.NotifyAsync(breachId)).Status); // not assessed
        Assert.Equal(200, (await _s.AssessAsync(breachId)).Status);
        var incomplete = await _s.NotifyAsync(breachId);
        Assert.Equal(422, incomplete.Status);
        Assert.Equal(["facts.likelyConsequences", "facts.recordsApprox"], incomplete.ErrorFields.Order());
        Assert.Empty(_s.Sent);

        var phased = await _s.NotifyAsync(breachId, phased: true);
        Assert.Equal(200, phased.Status);
        await _s.DrainNoticesAsync();
        var notices = _s.SentWithPrefix($"breach.{breachId}.initial.");
        // acme's two security contacts (security first), initech's privacy contact (no security contact); globex is not affected.
        Assert.Equal(["privacy1@initech.example", "security1@acme.example", "security2@acme.example"], notices.Select(n => n.Email.To.Address).Order());
        var acme = notices.First(n => n.Email.To.Address == "security1@acme.example").Email;
        Assert.Contains("Wordt nog vastgesteld: Geschat aantal registers, Waarschijnlijke gevolgen", acme.TextBody); // nl-BE, exactly the two missing
        Assert.StartsWith("Melding inbreuk (eerste melding", acme.Subject);
        Assert.Contains("En cours d'établissement", notices.Single(n => n.Key.Contains(".initech.")).Email.TextBody);

        // The facts become known: an update goes to every notified customer, complete this time.
        var (read, _) = await _s.PatchAsync(breachId, "{\"likelyConsequences\":\"Phishing is possible.\",\"recordsApprox\":5400}", "\"3\"");
        Assert.Equal(200, read.Status);
        Assert.Empty(read.Body.GetProperty("missing").EnumerateArray());
        Assert.Equal(200, (await _s.UpdateAsync(breachId, "We now know the consequences and the number of records.")).Status);
        await _s.DrainNoticesAsync();
        var updates = _s.SentWithPrefix($"breach.{breachId}.update-1.");
        Assert.Equal(3, updates.Count);
        Assert.DoesNotContain("Wordt nog vastgesteld", updates.First(n => n.Key.Contains(".acme.")).Email.TextBody);
        Assert.Single(await _s.EventsAsync(BreachEvents.Updated));
    }

    [Theory]
    [InlineData("nature")]
    [InlineData("dataSubjectCategories")]
    [InlineData("dataSubjectsApprox")]
    [InlineData("recordCategories")]
    [InlineData("recordsApprox")]
    [InlineData("contactPoint")]
    [InlineData("likelyConsequences")]
    [InlineData("measures")]
    public async Task The_completeness_check_names_each_missing_Art_33_3_element_and_sends_nothing(string element)
    {
        var facts = _s.CompleteFacts();
        facts.Remove(element);
        var breachId = await _s.OpenAsync(facts);
        await _s.AssessAsync(breachId);

        var refused = await _s.NotifyAsync(breachId);

        Assert.Equal(422, refused.Status);
        Assert.Equal(["facts." + element], refused.ErrorFields);
        Assert.Equal(0, await _s.DrainNoticesAsync());
        Assert.Empty(_s.Sent);
    }

    [Fact]
    public async Task Each_customer_gets_its_own_72_hours_as_an_exact_duration_shown_in_its_zone_across_a_daylight_saving_change()
    {
        _s.App.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero)); // Brussels: CEST (+2); DST ends 25 Oct 01:00 UTC
        var breachId = await _s.OpenAsync();
        await _s.AssessAsync(breachId);
        await _s.NotifyAsync(breachId);
        await _s.DrainNoticesAsync();

        var notice = (await _s.App.Get<AggregateChanges>().FindAsync(_s.App.Get<CustomerNoticeKind>(), CustomerNoticeKind.Id(breachId, "acme"), CancellationToken.None))!.State;
        Assert.Equal(TimeSpan.FromHours(72), notice.ClockEndsAt - notice.NotifiedAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 12, 0, 0, TimeSpan.Zero), notice.ClockEndsAt);
        var email = _s.SentWithPrefix($"breach.{breachId}.initial.acme.")[0].Email;
        Assert.Contains("2026-10-26 13:00 (Europe/Brussels)", email.TextBody); // CET (+1) by then: 72 h, not "3 days at 14:00"

        var page = await _s.Page.Get(BreachScenario.LinkRequest("GET", breachId, _s.AckToken(breachId, "acme")), breachId, CancellationToken.None);
        Assert.Contains("2026-10-26 13:00 (Europe/Brussels)", Assert.IsType<ContentResult>(page).Content);
    }

    [Fact]
    public async Task A_customer_acknowledges_once_through_its_link_asks_a_question_and_other_links_are_refused()
    {
        var breachId = await _s.OpenAsync();
        await _s.AssessAsync(breachId);
        await _s.NotifyAsync(breachId);
        await _s.DrainNoticesAsync();
        var token = _s.AckToken(breachId, "acme");

        var acknowledged = Response.Of(await _s.Page.Post(BreachScenario.LinkRequest("POST", breachId, token,
            "{\"action\":\"acknowledge\",\"name\":\"Ann Smith\",\"role\":\"CISO\"}"), breachId, CancellationToken.None));
        Assert.Equal(200, acknowledged.Status);
        Assert.Single(await _s.EventsAsync(BreachEvents.Acknowledged));
        Assert.Equal(200, Response.Of(await _s.Page.Post(BreachScenario.LinkRequest("POST", breachId, token, "{\"action\":\"acknowledge\"}"), breachId, CancellationToken.None)).Status);
        Assert.Single(await _s.EventsAsync(BreachEvents.Acknowledged)); // once

        var form = await _s.Page.Post(BreachScenario.LinkRequest("POST", breachId, token, "action=question&question=Which+invoices%3F", "application/x-www-form-urlencoded"), breachId, CancellationToken.None);
        Assert.Contains("Uw vraag is naar onze DPO verstuurd.", Assert.IsType<ContentResult>(form).Content);
        await _s.DeliverQueuedEmailsAsync();
        Assert.Contains("Which invoices?", Assert.Single(_s.DpoAlerts("breach-question")).TextBody);

        var links = _s.App.Get<LinkTokens>();
        using var measurement = _s.App.Requests.Measure();
        async Task<int> Post(string? t, string id = "") => Response.Of(await _s.Page.Post(BreachScenario.LinkRequest("POST", id == "" ? breachId : id, t, "{\"action\":\"acknowledge\"}"), id == "" ? breachId : id, CancellationToken.None)).Status;
        Assert.Equal(401, await Post(links.Issue(LinkPurposes.BreachAcknowledgement, "globex", breachId, _s.Now.AddDays(1)))); // not notified
        Assert.Equal(401, await Post(token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA")));
        Assert.Equal(401, await Post(token, BreachKind.IdFor("dpo", "another"))); // another breach's page
        Assert.Equal(410, await Post(links.Issue(LinkPurposes.BreachAcknowledgement, "acme", breachId, _s.Now.AddSeconds(-1))));
        Assert.Equal(422, Response.Of(await _s.Page.Post(BreachScenario.LinkRequest("POST", breachId, token, "{\"action\":\"ignore\"}"), breachId, CancellationToken.None)).Status);
        Assert.Empty(measurement.Writes);
    }

    [Fact]
    public async Task Unacknowledged_customers_are_notified_again_then_escalated_and_the_SLAs_alert_at_their_boundaries()
    {
        var awareAt = _s.Now;
        var breachId = await _s.OpenAsync();

        _s.App.Clock.SetUtcNow(awareAt + TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        Assert.Empty(_s.DpoAlerts("breach-assess-overdue"));
        _s.App.Clock.SetUtcNow(awareAt + TimeSpan.FromHours(12)); // Breach:AssessWithin
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        Assert.Single(_s.DpoAlerts("breach-assess-overdue"));

        await _s.AssessAsync(breachId);
        _s.App.Clock.SetUtcNow(awareAt + TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        Assert.Empty(_s.DpoAlerts("breach-notify-overdue"));
        _s.App.Clock.SetUtcNow(awareAt + TimeSpan.FromHours(24)); // Breach:NotifyWithin, nobody notified yet
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        var late = Assert.Single(_s.DpoAlerts("breach-notify-overdue"));
        Assert.Contains("- acme", late.TextBody);
        Assert.Contains("- initech", late.TextBody);

        await _s.NotifyAsync(breachId);
        await _s.DrainNoticesAsync();
        var notifiedAt = _s.Now;
        await _s.Page.Post(BreachScenario.LinkRequest("POST", breachId, _s.AckToken(breachId, "initech"), "{\"action\":\"acknowledge\"}"), breachId, CancellationToken.None);

        _s.App.Clock.SetUtcNow(notifiedAt + TimeSpan.FromHours(12)); // Breach:RenotifyAfter
        await _s.SweepAsync();
        await _s.DrainNoticesAsync();
        var renotified = _s.SentWithPrefix($"breach.{breachId}.renotify.");
        Assert.Equal(["privacy1@acme.example", "security1@acme.example", "security2@acme.example"], renotified.Select(r => r.Email.To.Address).Order()); // security and privacy; not initech
        Assert.StartsWith("Graag bevestigen", renotified[0].Email.Subject);

        _s.App.Clock.SetUtcNow(notifiedAt + TimeSpan.FromHours(24)); // Breach:EscalateAfter
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        var escalated = Assert.Single(_s.DpoAlerts("breach-unacknowledged"));
        Assert.Contains("- acme", escalated.TextBody);
        Assert.DoesNotContain("initech", escalated.TextBody);
        Assert.Single(await _s.EventsAsync(BreachEvents.Escalated));
    }

    [Fact]
    public async Task Facts_are_corrected_with_a_merge_patch_under_If_Match_and_a_closed_breach_takes_no_update()
    {
        var breachId = await _s.OpenAsync();
        Assert.Equal(412, (await _s.PatchAsync(breachId, "{\"nature\":\"x\"}", null)).Response.Status);
        Assert.Equal(412, (await _s.PatchAsync(breachId, "{\"nature\":\"x\"}", "\"7\"")).Response.Status);
        var bad = (await _s.PatchAsync(breachId, "{\"title\":null,\"color\":\"red\"}", "\"1\"")).Response;
        Assert.Equal(422, bad.Status);
        Assert.Equal(["color", "title"], bad.ErrorFields.Order());

        var (patched, etag) = await _s.PatchAsync(breachId, "{\"measures\":null,\"systems\":[\"archive\"]}", "\"1\"");
        Assert.Equal(200, patched.Status);
        Assert.Equal("\"2\"", etag);
        Assert.Equal(["measures"], patched.Body.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(412, (await _s.PatchAsync(breachId, "{\"nature\":\"y\"}", "\"1\"")).Response.Status); // stale

        Assert.Equal(409, (await _s.UpdateAsync(breachId, "Too early.")).Status); // nobody notified yet
        Assert.Equal(409, (await _s.CloseAsync(breachId)).Status); // not assessed
        await _s.AssessAsync(breachId, new JsonObject { ["outcome"] = "notNotifiable", ["reason"] = "Encrypted at rest; key not exposed." });
        Assert.Equal(200, (await _s.CloseAsync(breachId)).Status);
        Assert.Equal(409, (await _s.UpdateAsync(breachId, "After closure.")).Status);
        Assert.Equal(409, (await _s.PatchAsync(breachId, "{\"nature\":\"z\"}", "\"4\"")).Response.Status);
        Assert.Empty(_s.SentWithPrefix($"breach.{breachId}.")); // not notifiable: nobody was told, the register keeps it
    }

    [Fact]
    public async Task A_breach_assessed_after_our_notification_deadline_still_alerts_the_DPO_while_customers_are_not_notified()
    {
        var awareAt = _s.Now;
        var breachId = await _s.OpenAsync();
        _s.App.Clock.SetUtcNow(awareAt + TimeSpan.FromHours(24)); // Breach:NotifyWithin passes in triage
        await _s.SweepAsync();
        _s.App.Clock.SetUtcNow(awareAt + TimeSpan.FromHours(30));
        await _s.AssessAsync(breachId); // assessed late, notices not sent

        _s.App.Clock.SetUtcNow(awareAt + TimeSpan.FromHours(31));
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        Assert.Contains("- acme", Assert.Single(_s.DpoAlerts("breach-notify-overdue")).TextBody);
    }
}
