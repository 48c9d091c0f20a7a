using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Retention;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Retention;

/// <summary>From termination to certificate: the choice (or the default), commands, confirmations, holds and follow-ups.</summary>
public sealed class RetentionFlowTests : IAsyncLifetime
{
    private readonly RetentionScenario _s = new();

    public async Task InitializeAsync()
    {
        await _s.CreateTablesAsync();
        await _s.CreateCustomerAsync("acme", ["einvoicing", "payments"], privacyContacts: 1, locale: "nl-BE");
    }

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private async Task<List<JsonElement>> EventDataAsync(string type) =>
        (await _s.EventsAsync(type)).Select(e => JsonDocument.Parse(e.GetString("CloudEvent")).RootElement.GetProperty("data").Clone()).ToList();

    [Fact]
    public async Task The_customer_chooses_deletion_the_products_are_commanded_at_the_end_date_confirm_and_a_certificate_that_verifies_is_issued()
    {
        var endsAt = _s.Now.AddDays(10);
        var terminated = await _s.TerminateAsync("acme", endsAt, "einvoicing");
        Assert.Equal(201, terminated.Status);
        var id = RetentionScenario.Id(terminated);
        Assert.Equal(200, (await _s.TerminateAsync("acme", endsAt, "einvoicing")).Status); // idempotent
        await _s.DeliverQueuedEmailsAsync();
        var choiceEmail = Assert.Single(_s.SentWithPrefix($"retention.{id}.choice.")).Email;
        Assert.StartsWith("Einde contract", choiceEmail.Subject);
        var token = _s.ChoiceToken(id);

        var page = Assert.IsType<ContentResult>(await _s.Functions.GetChoice(RetentionScenario.LinkRequest("GET", id, token), id, CancellationToken.None));
        Assert.Contains("<form method=\"post\"", page.Content);
        var noContact = Response.Of(await _s.Functions.PostChoice(RetentionScenario.LinkRequest("POST", id, token, "{\"choice\":\"return\",\"returnFormat\":\"csv\"}"), id, CancellationToken.None));
        Assert.Equal((422, "returnContact"), (noContact.Status, Assert.Single(noContact.ErrorFields)));
        var chosen = Response.Of(await _s.Functions.PostChoice(RetentionScenario.LinkRequest("POST", id, token, "{\"choice\":\"delete\"}"), id, CancellationToken.None));
        Assert.Equal(200, chosen.Status);
        Assert.Equal(409, Response.Of(await _s.Functions.PostChoice(RetentionScenario.LinkRequest("POST", id, token,
            "{\"choice\":\"return\",\"returnContact\":\"it@acme.example\",\"returnFormat\":\"csv\"}"), id, CancellationToken.None)).Status);

        Assert.Empty(await _s.EventsAsync(RetentionEvents.PurgeRequested)); // not before the end date
        _s.App.Clock.SetUtcNow(endsAt);
        await _s.SweepAsync();
        var purge = Assert.Single(await _s.EventsAsync(RetentionEvents.PurgeRequested));
        Assert.Equal("einvoicing", purge.GetString("ProductId"));

        var notAsked = await _s.ConfirmAsync(id, "payments");
        Assert.Equal(409, notAsked.Status);
        Assert.Contains("was not asked", notAsked.Body.GetProperty("detail").GetString());
        Assert.Equal(409, (await _s.ConfirmAsync(id, "einvoicing", outcome: "returned")).Status); // not what it was asked to do
        var completedAt = _s.Now.AddMinutes(-5);
        Assert.Equal(200, (await _s.ConfirmAsync(id, "einvoicing", completedAt: completedAt)).Status);
        Assert.Equal(200, (await _s.ConfirmAsync(id, "einvoicing", completedAt: completedAt)).Status); // delivered twice: counted once
        Assert.Single(await _s.EventsAsync(RetentionEvents.ProductConfirmed));

        var disposition = await _s.DispositionAsync(id);
        var certificate = Assert.Single(disposition.Certificates);
        Assert.Equal(DispositionStatus.Certified, disposition.Status);
        Assert.Single(await _s.EventsAsync(RetentionEvents.CertificateIssued));
        await _s.DeliverQueuedEmailsAsync();
        var mailed = Assert.Single(_s.SentWithPrefix($"retention.{id}.certificate-0.")).Email;
        Assert.Contains(certificate.Digest, mailed.TextBody);

        async Task<bool> VerifyAsync(string certificateId, string digest)
        {
            var request = HttpRequests.Json("GET", "/x");
            request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?digest=" + digest);
            return Response.Of(await _s.Functions.Verify(request, certificateId, CancellationToken.None)).Body.GetProperty("valid").GetBoolean();
        }
        Assert.True(await VerifyAsync(certificate.CertificateId, certificate.Digest));
        var changed = (certificate.Digest[0] == 'a' ? "b" : "a") + certificate.Digest[1..];
        Assert.False(await VerifyAsync(certificate.CertificateId, changed));
        Assert.False(await VerifyAsync("dsp-000000000000000000000000-c0", certificate.Digest)); // unknown: the same answer
        var tampered = certificate.Canonical.Replace("\"count\":1200", "\"count\":1201", StringComparison.Ordinal);
        Assert.NotEqual(certificate.Digest, CertificateDocument.DigestOf(tampered)); // one changed byte, another digest
        var json = Response.Of(await _s.Functions.GetCertificate(HttpRequests.Json("GET", "/x"), certificate.CertificateId, CancellationToken.None));
        Assert.Equal(certificate.Digest, json.Body.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Without_a_choice_the_customer_is_reminded_then_the_DPA_default_applies_and_is_recorded_as_such_and_a_late_choice_is_refused()
    {
        var endsAt = _s.Now.AddDays(1);
        var id = RetentionScenario.Id(await _s.TerminateAsync("acme", endsAt));
        var deadline = endsAt.AddDays(30);
        await _s.DeliverQueuedEmailsAsync();
        var token = _s.ChoiceToken(id);

        _s.App.Clock.SetUtcNow(deadline.AddDays(-14));
        await _s.SweepAsync();
        _s.App.Clock.SetUtcNow(deadline.AddDays(-3));
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        Assert.Equal(2, _s.Sent.Count(s => s.Key.StartsWith($"retention.{id}.reminder-", StringComparison.Ordinal)));

        _s.App.Clock.SetUtcNow(deadline);
        await _s.SweepAsync();
        var d = await _s.DispositionAsync(id);
        Assert.Equal(("delete", true), (d.Choice!.Kind, d.Choice.ByDefault));
        Assert.Equal(2, (await _s.EventsAsync(RetentionEvents.PurgeRequested)).Count); // both products
        Assert.Contains(await EventDataAsync(RetentionEvents.DispositionChosen), e => e.GetProperty("byDefault").GetBoolean());

        var late = Response.Of(await _s.Functions.PostChoice(RetentionScenario.LinkRequest("POST", id, token, "{\"choice\":\"delete\"}"), id, CancellationToken.None));
        Assert.Equal(409, late.Status);
    }

    [Fact]
    public async Task A_hold_keeps_its_categories_out_of_the_purge_and_its_expiry_sends_the_follow_up_purge_and_a_follow_up_certificate()
    {
        var holdUntil = _s.Now.AddDays(60);
        var hold = Response.Of(await _s.Functions.PlaceHold(HttpRequests.Json("POST", "/x", new JsonObject
        {
            ["basis"] = "aml", ["reference"] = "AML Act art. 60: 5 years after the relationship", ["categories"] = new JsonArray("kyc-documents"),
            ["products"] = new JsonArray("payments"), ["until"] = RetentionScenario.Iso(holdUntil),
        }.ToJsonString()), "acme", CancellationToken.None));
        Assert.Equal(201, hold.Status);
        var holdId = hold.Body.GetProperty("holdId").GetString()!;
        Assert.Single(await _s.EventsAsync(RetentionEvents.HoldPlaced));

        var id = await _s.DeletionChosenAndDueAsync();
        await _s.SweepAsync();

        var commands = await EventDataAsync(RetentionEvents.PurgeRequested);
        Assert.Equal(2, commands.Count);
        Assert.Contains(commands, c => c.GetProperty("keep").EnumerateArray().Any(k => k.GetProperty("holdId").GetString() == holdId)); // payments keeps kyc-documents
        Assert.Contains(commands, c => c.GetProperty("keep").GetArrayLength() == 0); // einvoicing keeps nothing

        Assert.Equal(200, (await _s.ConfirmAsync(id, "einvoicing")).Status);
        var wrongKeep = await _s.ConfirmAsync(id, "payments", kept: new JsonArray(new JsonObject { ["category"] = "invoices", ["holdId"] = holdId }));
        Assert.Equal(409, wrongKeep.Status); // invoices were not to be kept
        Assert.Equal(200, (await _s.ConfirmAsync(id, "payments", kept: new JsonArray(new JsonObject { ["category"] = "kyc-documents", ["holdId"] = holdId }))).Status);
        var first = Assert.Single((await _s.DispositionAsync(id)).Certificates);
        Assert.Contains("\"basis\":\"aml\"", first.Canonical);
        Assert.Contains("\"category\":\"kyc-documents\"", first.Canonical);

        _s.App.Clock.SetUtcNow(holdUntil);
        await _s.SweepAsync(); // the hold expires: follow-up purge of exactly its categories, for the product that kept them
        var followUp = Assert.Single(await EventDataAsync(RetentionEvents.PurgeRequested), c => c.GetProperty("round").GetInt32() == 1);
        Assert.Equal(["kyc-documents"], followUp.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(200, (await _s.ConfirmAsync(id, "payments", round: 1)).Status);
        var certificates = (await _s.DispositionAsync(id)).Certificates;
        Assert.Equal(2, certificates.Count);
        Assert.Contains($"\"references\":\"{first.CertificateId}\"", certificates[1].Canonical);

        // The last certificate of the whole contract: our own copy is erased — no contact address remains in any table.
        await _s.DeliverQueuedEmailsAsync();
        await _s.App.Get<PrivacyFunctions.Platform.Changes.AggregateChanges>().FindFlushedAsync(_s.App.Get<DispositionKind>(), id, CancellationToken.None);
        TestApp.AssertNoneContains(await _s.App.EveryStoredStringAsync(), ["privacy1@acme.example", "rights@acme.example"]);
        var ended = (await _s.App.Get<PrivacyFunctions.Customers.CustomerDirectory>().GetAsync("acme", CancellationToken.None))!.Customer;
        Assert.Equal(PrivacyFunctions.Customers.CustomerStatus.Ended, ended.Status);
    }

    [Fact]
    public async Task A_crash_between_recording_the_commands_and_publishing_them_loses_nothing_and_sends_nothing_twice()
    {
        var id = await _s.DeletionChosenAndDueAsync();
        _s.App.Faults.FailNext("POST", StorageNames.Tables.IntegrationEvents); // the first event publish dies after the commands are stored

        await _s.SweepAsync(); // the hint fails and backs off; the commands are recorded with their pending effects
        Assert.Equal(DispositionStatus.Commanded, (await _s.DispositionAsync(id)).Status);
        _s.App.Clock.Advance(TimeSpan.FromMinutes(10));
        await _s.App.RunEffectsChecksAsync(); // the change's effects check publishes what is pending
        await _s.SweepAsync();
        await _s.SweepAsync();

        var purges = await _s.EventsAsync(RetentionEvents.PurgeRequested);
        Assert.Equal(["einvoicing", "payments"], purges.Select(p => p.GetString("ProductId")).Order());
    }

    [Fact]
    public async Task Choice_links_of_another_customer_forged_or_expired_are_refused_and_bad_input_writes_nothing()
    {
        await _s.CreateCustomerAsync("globex", ["payments"]);
        var id = RetentionScenario.Id(await _s.TerminateAsync("acme", _s.Now.AddDays(10)));
        var links = _s.App.Get<LinkTokens>();
        using var measurement = _s.App.Requests.Measure();
        async Task<int> Post(string? token) => Response.Of(await _s.Functions.PostChoice(RetentionScenario.LinkRequest("POST", id, token, "{\"choice\":\"delete\"}"), id, CancellationToken.None)).Status;
        Assert.Equal(401, await Post(links.Issue(LinkPurposes.RetentionChoice, "globex", id, _s.Now.AddDays(1))));
        Assert.Equal(401, await Post(links.Issue(LinkPurposes.BreachAcknowledgement, "acme", id, _s.Now.AddDays(1))));
        Assert.Equal(410, await Post(links.Issue(LinkPurposes.RetentionChoice, "acme", id, _s.Now.AddSeconds(-1))));
        Assert.Equal(401, await Post(null));
        var bad = await _s.TerminateAsync("acme", _s.Now.AddDays(10), "crm");
        Assert.Equal((422, "products[0]"), (bad.Status, Assert.Single(bad.ErrorFields)));
        Assert.Equal(404, Response.Of(await _s.Functions.PlaceHold(HttpRequests.Json("POST", "/x",
            "{\"basis\":\"tax\",\"reference\":\"x\",\"categories\":[\"a\"]}"), "nobody", CancellationToken.None)).Status);
        var badHold = Response.Of(await _s.Functions.PlaceHold(HttpRequests.Json("POST", "/x", "{\"basis\":\"whim\",\"reference\":\"x\",\"categories\":[\"a\"]}"), "acme", CancellationToken.None));
        Assert.Equal((422, "basis"), (badHold.Status, Assert.Single(badHold.ErrorFields)));
        Assert.Empty(measurement.Writes);
    }
}

/// <summary>The two retention paths a fake clock and an injected crash prove: a hold's review, and a crash after a confirmation.</summary>
public sealed class RetentionRecoveryTests : IAsyncLifetime
{
    private readonly RetentionScenario _s = new();

    public async Task InitializeAsync()
    {
        await _s.CreateTablesAsync();
        await _s.CreateCustomerAsync("acme", ["einvoicing", "payments"]);
    }

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Fact]
    public async Task A_hold_without_an_end_is_put_to_the_DPO_for_review_every_period()
    {
        var placed = Response.Of(await _s.Functions.PlaceHold(HttpRequests.Json("POST", "/x",
            "{\"basis\":\"litigation\",\"reference\":\"Case 2026/114\",\"categories\":[\"contracts\"]}"), "acme", CancellationToken.None));
        Assert.Equal(201, placed.Status);
        _s.App.Clock.Advance(TimeSpan.FromDays(365));
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        Assert.Contains("Case 2026/114", Assert.Single(_s.DpoAlerts("retention-hold-review")).TextBody);
        _s.App.Clock.Advance(TimeSpan.FromDays(365));
        await _s.SweepAsync();
        await _s.DeliverQueuedEmailsAsync();
        Assert.Equal(2, _s.DpoAlerts("retention-hold-review").Count);
    }

    [Fact]
    public async Task A_crash_between_a_confirmation_and_its_certificate_effects_loses_nothing_and_the_products_retry_is_counted_once()
    {
        var id = await _s.DeletionChosenAndDueAsync("einvoicing");
        await _s.SweepAsync();

        // The topic fails twice: the last change's events, performed again before the confirmation, are carried into it;
        // the confirmation is stored, and its first effect dies.
        _s.App.Faults.FailNext("POST", PrivacyFunctions.Platform.Storage.StorageNames.Tables.IntegrationEvents, times: 2);
        var completedAt = _s.Now.AddMinutes(-1);
        await Assert.ThrowsAnyAsync<Exception>(() => _s.ConfirmAsync(id, "einvoicing", webhookId: "msg_confirm", completedAt: completedAt));
        Assert.Single((await _s.DispositionAsync(id)).Commands, c => c.Confirmation is not null);

        var retried = await _s.ConfirmAsync(id, "einvoicing", webhookId: "msg_confirm", completedAt: completedAt); // the id was released after the failure
        Assert.Equal(200, retried.Status);
        Assert.Single((await _s.DispositionAsync(id)).Certificates);
        Assert.Single(await _s.EventsAsync(RetentionEvents.ProductConfirmed));
        Assert.Single(await _s.EventsAsync(RetentionEvents.CertificateIssued));
        Assert.Single(_s.SentWithPrefix($"retention.{id}.certificate-0."));
    }

    [Fact]
    public async Task A_certificate_email_still_being_sent_does_not_fail_the_confirmation_and_the_erasure_finishes_once_it_is_sent()
    {
        var id = await _s.DeletionChosenAndDueAsync();
        await _s.SweepAsync();
        Assert.Equal(200, (await _s.ConfirmAsync(id, "einvoicing")).Status);
        _s.SendHook = key => { if (key.Contains(".certificate-", StringComparison.Ordinal)) throw new IOException("mail server busy"); };

        Assert.Equal(200, (await _s.ConfirmAsync(id, "payments")).Status); // the last confirmation: certificate mail pending, erasure waits
        Assert.Equal(PrivacyFunctions.Customers.CustomerStatus.Ended, (await _s.App.Get<PrivacyFunctions.Customers.CustomerDirectory>().GetAsync("acme", CancellationToken.None))!.Customer.Status);

        _s.SendHook = null;
        _s.App.Clock.Advance(TimeSpan.FromMinutes(3));
        await _s.DeliverQueuedEmailsAsync(); // the certificate goes out after all
        Assert.Single(_s.SentWithPrefix($"retention.{id}.certificate-0."));
        _s.App.Clock.Advance(TimeSpan.FromMinutes(15));
        await _s.SweepAsync(); // retention.end-customer finishes the erasure
        TestApp.AssertNoneContains(await _s.App.EveryStoredStringAsync(), ["privacy1@acme.example"]);
    }
}
