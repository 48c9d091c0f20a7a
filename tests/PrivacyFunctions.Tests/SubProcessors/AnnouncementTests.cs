using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.SubProcessors;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.SubProcessors;

/// <summary>Announcing and withdrawing changes: the notice gate, validation against the register, idempotency, the notices.</summary>
public sealed class AnnouncementTests : IAsyncLifetime
{
    private readonly SubProcessorScenario _s = new();

    public async Task InitializeAsync()
    {
        await _s.CreateTablesAsync();
        await _s.CreateCustomerAsync("acme", ["einvoicing"], privacyContacts: 2, locale: "nl-BE");
        await _s.CreateCustomerAsync("globex", ["payments"], locale: "de-DE");
    }

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Fact]
    public async Task An_announced_change_notifies_the_affected_customers_contacts_in_their_language_with_their_own_objection_link()
    {
        var announced = await _s.AnnounceAsync(_s.AddBody());

        Assert.Equal(201, announced.Status);
        Assert.Equal("upcoming", announced.Body.GetProperty("status").GetString());
        Assert.Contains(announced.Body.GetProperty("diff").EnumerateArray(), d => d.GetProperty("field").GetString() == "name" && d.GetProperty("to").GetString() == "CloudMail");
        Assert.Single(await _s.EventsAsync(ChangeEvents.Announced));
        Assert.Empty(await _s.App.Get<RegisterStore>().ReadAsync(CancellationToken.None)); // not before it is effective

        await _s.DrainNoticesAsync();

        var notices = _s.SentWithPrefix("subproc.notice.chg-1.");
        Assert.Equal(["privacy1@acme.example", "privacy2@acme.example"], notices.Select(n => n.Email.To.Address).Order());
        Assert.All(notices, n => Assert.StartsWith("Kennisgeving subverwerker", n.Email.Subject)); // nl-BE → Dutch
        Assert.All(notices, n => Assert.Contains("/api/subprocessors/changes/chg-1/objection?token=", n.Email.TextBody));
        Assert.All(notices, n => Assert.Null(n.Email.UnsubscribeUrl)); // contractual notice, not list mail
        Assert.Empty(_s.SentWithPrefix("subproc.notice.chg-1.c.globex.")); // payments only: not affected

        var deliveries = await _s.DeliveriesAsync("chg-1");
        Assert.Equal(200, deliveries.Status);
        var counts = deliveries.Body.GetProperty("counts");
        Assert.Equal((2, 2, 1), (counts.GetProperty("recipients").GetInt32(), counts.GetProperty("sent").GetInt32(), counts.GetProperty("customers").GetInt32()));
        var acme = Assert.Single(deliveries.Body.GetProperty("customers").EnumerateArray());
        Assert.Equal("open", acme.GetProperty("window").GetString());
        Assert.Equal(_s.Now + TimeSpan.FromDays(5), acme.GetProperty("windowEndsAt").GetDateTimeOffset());
        Assert.False(acme.GetProperty("endsAfterEffectiveAt").GetBoolean());
    }

    [Fact]
    public async Task The_notice_gate_accepts_exactly_the_notice_period_and_refuses_one_second_less_naming_effectiveAt_and_writing_nothing()
    {
        using (var measurement = _s.App.Requests.Measure())
        {
            var early = await _s.AnnounceAsync(_s.AddBody("chg-early", noticeAhead: TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1)));
            Assert.Equal(422, early.Status);
            Assert.Equal(["effectiveAt"], early.ErrorFields);
            Assert.Empty(measurement.Writes);
        }
        Assert.Equal(201, (await _s.AnnounceAsync(_s.AddBody("chg-edge", noticeAhead: TimeSpan.FromDays(5)))).Status);
    }

    [Theory]
    [InlineData("subProcessor.transfer", "no-transfer")]
    [InlineData("subProcessor.products[0]", "unknown-product")]
    [InlineData("subProcessor.locations[1]", "bad-country")]
    [InlineData("subProcessor.website", "http-website")]
    [InlineData("subProcessorId", "remove-unknown")]
    [InlineData("subProcessor.id", "update-unknown")]
    [InlineData("replaces", "replace-unknown")]
    [InlineData("action", "bad-action")]
    [InlineData("summary", "no-summary")]
    public async Task Invalid_announcements_are_a_problem_naming_the_field_and_write_nothing(string field, string variant)
    {
        var body = _s.AddBody("chg-bad");
        var entry = body["subProcessor"]!.AsObject();
        switch (variant)
        {
            case "no-transfer": entry.Remove("transfer"); break;
            case "unknown-product": entry["products"] = new JsonArray("crm"); break;
            case "bad-country": entry["locations"] = new JsonArray("IE", "XX"); break;
            case "http-website": entry["website"] = "http://cloudmail.example"; break;
            case "remove-unknown": body["action"] = "remove"; body.Remove("subProcessor"); body["subProcessorId"] = "nobody"; break;
            case "update-unknown": body["action"] = "update"; break;
            case "replace-unknown": body["action"] = "replace"; body["replaces"] = "nobody"; break;
            case "bad-action": body["action"] = "rename"; break;
            case "no-summary": body.Remove("summary"); break;
        }
        using var measurement = _s.App.Requests.Measure();
        var response = await _s.AnnounceAsync(body);

        Assert.Equal(422, response.Status);
        Assert.Equal(Problems.ContentType, response.ContentType);
        Assert.Contains(field, response.ErrorFields);
        Assert.Empty(measurement.Writes);
    }

    [Fact]
    public async Task The_same_changeId_again_is_answered_as_before_and_other_content_under_it_is_a_conflict()
    {
        var body = _s.AddBody();
        Assert.Equal(201, (await _s.AnnounceAsync(body)).Status);
        var again = await _s.AnnounceAsync(JsonNode.Parse(body.ToJsonString())!.AsObject());
        Assert.Equal(200, again.Status);
        body["summary"] = "Something else.";
        var conflict = await _s.AnnounceAsync(body);
        Assert.Equal(409, conflict.Status);
        Assert.Single(await _s.EventsAsync(ChangeEvents.Announced));
    }

    [Fact]
    public async Task A_withdrawn_change_tells_whoever_got_its_notice_is_listed_as_withdrawn_and_never_takes_effect()
    {
        await _s.AnnounceAsync(_s.AddBody());
        await _s.DrainNoticesAsync();

        var withdrawn = await _s.WithdrawAsync("chg-1");
        Assert.Equal(200, withdrawn.Status);
        Assert.Equal("withdrawn", withdrawn.Body.GetProperty("status").GetString());
        Assert.Equal(200, (await _s.WithdrawAsync("chg-1")).Status); // the same withdrawal again
        Assert.Equal(409, (await _s.WithdrawAsync("chg-1", "another reason")).Status);
        await _s.DrainNoticesAsync();

        var told = _s.SentWithPrefix("subproc.withdrawal.chg-1.");
        Assert.Equal(["privacy1@acme.example", "privacy2@acme.example"], told.Select(n => n.Email.To.Address).Order());
        Assert.Contains("The supplier withdrew its offer.", told[0].Email.TextBody);
        Assert.Single(await _s.EventsAsync(ChangeEvents.Withdrawn));

        _s.App.Clock.Advance(TimeSpan.FromDays(11));
        await _s.SweepAsync();
        Assert.Empty(await _s.App.Get<RegisterStore>().ReadAsync(CancellationToken.None));
        Assert.Empty(await _s.EventsAsync(ChangeEvents.Effective));
        Assert.Equal(404, (await _s.WithdrawAsync("nothing")).Status);
    }

    [Fact]
    public async Task A_change_that_took_effect_cannot_be_withdrawn()
    {
        await _s.AnnounceAsync(_s.AddBody());
        await _s.DrainNoticesAsync();
        _s.App.Clock.Advance(TimeSpan.FromDays(10));
        await _s.SweepAsync();

        var refused = await _s.WithdrawAsync("chg-1");
        Assert.Equal(409, refused.Status);
        Assert.Single(await _s.App.Get<RegisterStore>().ReadAsync(CancellationToken.None));
    }
}
