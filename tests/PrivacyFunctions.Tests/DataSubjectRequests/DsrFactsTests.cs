using System.Text.Json.Nodes;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.DataSubjectRequests.Effects;
using PrivacyFunctions.Platform.Events;
using PrivacyFunctions.Tests.DataSubjectRequests.Endpoints;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

/// <summary>What each change records and announces: audit and event payloads, and the effects, fixed at decision time.</summary>
public sealed class DsrFactsTests : IAsyncLifetime
{
    private readonly DsrEndpointScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private static DataSubjectRequest Request(DsrLifecycle lifecycle) => new(
        "acme:aaaaaaaaaaaaaaaaaaaa", "acme", "einvoicing", "r-1", DsrType.Erasure, new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero), "web-form", new DsrSubject("jan@mail.example", "Jan", "nl-BE"), "delete me",
        lifecycle, []);

    [Fact]
    public void An_extension_records_its_month_count_as_extensionMonths_not_as_a_reason()
    {
        var request = Request(DsrLifecycle.Received with { Status = DsrStatus.Forwarded, ExtensionMonths = 1, ExtensionReason = "many systems" });

        var data = DsrFacts.Data(request, "dsr.extended:1");

        Assert.Equal(1, data["extensionMonths"]!.GetValue<int>());
        Assert.False(data.ContainsKey("reason"));
        Assert.DoesNotContain("many systems", data.ToJsonString()); // the customer's free text stays on the request, not in the trail
    }

    [Fact]
    public void An_escalation_names_its_reason_and_every_payload_holds_ids_and_states_but_no_subject_data()
    {
        var request = Request(DsrLifecycle.Received with { Status = DsrStatus.Forwarded, Escalation = EscalationReason.DeadlineOverdue });

        var data = DsrFacts.Data(request, "dsr.escalated:deadlineOverdue");

        Assert.Equal(
            """{"requestId":"acme:aaaaaaaaaaaaaaaaaaaa","customerId":"acme","productId":"einvoicing","type":"erasure","status":"forwarded","reason":"deadlineOverdue"}""",
            data.ToJsonString());
    }

    [Fact]
    public void Effects_are_fixed_when_decided_events_first_then_the_emails_the_fact_calls_for()
    {
        var at = new DateTimeOffset(2026, 3, 11, 9, 0, 0, TimeSpan.Zero);
        var request = Request(DsrLifecycle.Received with { Status = DsrStatus.Forwarded, Escalation = EscalationReason.NoDsrContact });

        var effects = DsrFacts.Effects(request, ["dsr.forwarded", "dsr.escalated:noDsrContact", "dsr.cancelled"], at);

        Assert.Collection(effects,
            e => Assert.Equal(("dsr.forwarded.acme:aaaaaaaaaaaaaaaaaaaa", at, "einvoicing"), (((PublishEvent)e).Event.Id, ((PublishEvent)e).Event.Time, ((PublishEvent)e).Event.ProductId)),
            e => Assert.IsType<ForwardToCustomer>(e),
            e => Assert.Equal("dsr.escalated:noDsrContact.acme:aaaaaaaaaaaaaaaaaaaa", ((PublishEvent)e).Event.Id),
            e => Assert.Equal(new AlertDpoOfEscalation(request.RequestId, EscalationReason.NoDsrContact), e));
        // dsr.cancelled is audit-only: no event, no email.
    }

    [Fact]
    public async Task The_stored_audit_entry_of_an_extension_carries_extensionMonths()
    {
        var requestId = await _s.ForwardedAsync("r-1");
        var token = await _s.TokenFromForwardEmailAsync(requestId);

        await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "extend", ["months"] = 1, ["reason"] = "many systems" });

        var audit = await _s.App.Get<PrivacyFunctions.Platform.Audit.AuditTrail>().ExportAsync(DsrKind.Type, requestId);
        var extended = Assert.Single(audit.Entries, e => e.Action == "dsr.extended");
        var data = JsonNode.Parse(extended.Data)!.AsObject();
        Assert.Equal(1, data["extensionMonths"]!.GetValue<int>());
        Assert.False(data.ContainsKey("reason"));
        Assert.Equal(["dsr.received", "dsr.forwarded", "dsr.extended"], audit.Entries.Select(e => e.Action));
        Assert.True(audit.Verification.IsValid);
    }
}
