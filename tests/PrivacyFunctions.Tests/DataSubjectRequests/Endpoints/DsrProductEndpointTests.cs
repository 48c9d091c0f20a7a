using System.Text;
using System.Text.Json.Nodes;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Endpoints;

public sealed class DsrProductEndpointTests : IAsyncLifetime
{
    private readonly DsrEndpointScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private static JsonObject CancelBody(string productId = DsrEndpointScenario.Product, string? reason = "withdrawnBySubject") =>
        reason is null ? new() { ["productId"] = productId } : new() { ["productId"] = productId, ["reason"] = reason };

    private JsonObject CompletionBody(string productId = DsrEndpointScenario.Product, DateTimeOffset? completedAt = null, string outcome = "done") => new()
    {
        ["productId"] = productId,
        ["completedAt"] = (completedAt ?? _s.Now).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["outcome"] = outcome,
    };

    private async Task<string> InstructedToAssistAsync(string externalId)
    {
        var requestId = await _s.ForwardedAsync(externalId);
        var token = await _s.TokenFromForwardEmailAsync(requestId);
        var instructed = await _s.PostJsonAsync(requestId, token,
            new JsonObject { ["decision"] = "instruct", ["instruction"] = "processorToAssist", ["action"] = "erase" });
        Assert.Equal(200, instructed.Status);
        return requestId;
    }

    // ---- cancel ----

    [Fact]
    public async Task A_request_not_yet_forwarded_is_cancelled_and_a_repeated_cancel_answers_the_same()
    {
        var requestId = await _s.ReceiveAsync("r-1");

        var first = await _s.CancelAsync(requestId, CancelBody());
        var again = await _s.CancelAsync(requestId, CancelBody());

        Assert.Equal(200, first.Status);
        Assert.Equal(requestId, first.Body.GetProperty("requestId").GetString());
        Assert.Equal("cancelled", first.Body.GetProperty("status").GetString());
        Assert.Equal(200, again.Status);
        Assert.Equal("cancelled", again.Body.GetProperty("status").GetString());
        var request = await _s.FindAsync(requestId);
        Assert.Equal(DsrStatus.Cancelled, request.Status);
        var entry = Assert.Single(request.Timeline, t => t.What == "cancelled by product einvoicing");
        Assert.Equal("withdrawnBySubject", entry.Detail);
        Assert.Empty(await _s.PendingEffectsAsync(requestId));
        // Forwarding afterwards sends nothing: the queue step finds the request cancelled.
        await _s.App.Get<DsrForwarding>().ForwardAsync(requestId, CancellationToken.None);
        Assert.Empty(await _s.DeliveriesToAsync(DsrEndpointScenario.DsrContact));
    }

    [Fact]
    public async Task A_replayed_cancel_webhook_is_refused()
    {
        var requestId = await _s.ReceiveAsync("r-1");
        Assert.Equal(200, (await _s.CancelAsync(requestId, CancelBody(), webhookId: "msg_cancel")).Status);

        var replay = await _s.CancelAsync(requestId, CancelBody(), webhookId: "msg_cancel");

        Assert.Equal(401, replay.Status);
        Assert.EndsWith(":webhook-unauthorized", replay.ProblemType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_with_a_bad_signature_is_a_401_and_changes_nothing()
    {
        var requestId = await _s.ReceiveAsync("r-1");

        var response = await _s.CancelAsync(requestId, CancelBody(), secret: WebhookSecret.Generate());

        Assert.Equal(401, response.Status);
        Assert.EndsWith(":webhook-unauthorized", response.ProblemType, StringComparison.Ordinal);
        Assert.Equal(DsrStatus.Received, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task A_cancel_with_a_tampered_body_is_a_401()
    {
        var requestId = await _s.ReceiveAsync("r-1");
        var request = _s.Signed($"/api/dsr/{requestId}/cancel", CancelBody());
        var tampered = Encoding.UTF8.GetBytes(CancelBody(reason: "duplicate").ToJsonString());
        request.Body = new MemoryStream(tampered);
        request.ContentLength = tampered.Length;

        var response = Response.Of(await _s.App.Function<DsrProductFunctions>().Cancel(request, requestId, CancellationToken.None));

        Assert.Equal(401, response.Status);
        Assert.Equal(DsrStatus.Received, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task Another_products_request_is_not_found_and_stays_as_it_was()
    {
        var requestId = await _s.ReceiveAsync("r-1");

        var response = await _s.CancelAsync(requestId, CancelBody(DsrEndpointScenario.OtherProduct), productId: DsrEndpointScenario.OtherProduct);

        Assert.Equal(404, response.Status);
        Assert.EndsWith(":not-found", response.ProblemType, StringComparison.Ordinal);
        var request = await _s.FindAsync(requestId);
        Assert.Equal(DsrStatus.Received, request.Status);
        Assert.Single(request.Timeline);
    }

    [Fact]
    public async Task A_body_naming_another_product_than_the_signer_is_a_422_on_productId()
    {
        var requestId = await _s.ReceiveAsync("r-1");

        var response = await _s.CancelAsync(requestId, CancelBody(DsrEndpointScenario.OtherProduct));

        Assert.Equal(422, response.Status);
        Assert.Equal(["productId"], response.ErrorFields);
        Assert.Equal(DsrStatus.Received, (await _s.FindAsync(requestId)).Status);
    }

    public static TheoryData<string, string> BadCancelBodies() => new()
    {
        { """{"reason":"duplicate"}""", "productId" },
        { """{"productId":"einvoicing","reason":42}""", "reason" },
        { """{"productId":"einvoicing","reason":"Jane Doe phoned to withdraw"}""", "reason" }, // a code, never free text
        { """{"productId":"einvoicing","why":"x"}""", "why" },
    };

    [Theory]
    [MemberData(nameof(BadCancelBodies))]
    public async Task An_invalid_cancel_body_is_a_422_naming_the_field_and_changes_nothing(string body, string field)
    {
        var requestId = await _s.ReceiveAsync("r-1");

        var response = await _s.CancelAsync(requestId, JsonNode.Parse(body)!.AsObject());

        Assert.Equal(422, response.Status);
        Assert.Equal([field], response.ErrorFields);
        Assert.Equal(DsrStatus.Received, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_and_a_malformed_request_id_a_400_naming_it()
    {
        var requestId = await _s.ReceiveAsync("r-1");
        var request = HttpRequests.SignedWebhook($"/api/dsr/{requestId}/cancel", "{\"productId\":", "einvoicing", "msg_bad", _s.Now);
        var malformed = Response.Of(await _s.App.Function<DsrProductFunctions>().Cancel(request, requestId, CancellationToken.None));
        var badId = await _s.CancelAsync("acme:nope", CancelBody());

        Assert.Equal(400, malformed.Status);
        Assert.EndsWith(":malformed-json", malformed.ProblemType, StringComparison.Ordinal);
        Assert.Equal(400, badId.Status);
        Assert.Equal(["requestId"], badId.ErrorFields);
    }

    [Fact]
    public async Task A_cancel_after_forwarding_is_a_409_conflict()
    {
        var requestId = await _s.ForwardedAsync("r-1");

        var response = await _s.CancelAsync(requestId, CancelBody());

        Assert.Equal(409, response.Status);
        Assert.EndsWith(":conflict", response.ProblemType, StringComparison.Ordinal);
        Assert.Contains("already forwarded", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(DsrStatus.Forwarded, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task Cancelling_an_unknown_request_is_a_404()
    {
        var response = await _s.CancelAsync(RequestIds.For("acme", "einvoicing", "never"), CancelBody());

        Assert.Equal(404, response.Status);
    }

    // ---- completion ----

    [Fact]
    public async Task A_completion_completes_the_request_emails_the_customer_and_publishes_dsr_completed()
    {
        var requestId = await InstructedToAssistAsync("r-1");
        _s.App.Clock.Advance(TimeSpan.FromHours(3));

        var doneAt = _s.Now.AddMinutes(-10);
        var response = await _s.CompleteAsync(requestId, CompletionBody(completedAt: doneAt));
        var again = await _s.CompleteAsync(requestId, CompletionBody(completedAt: doneAt));

        Assert.Equal(200, response.Status);
        Assert.Equal("completed", response.Body.GetProperty("status").GetString());
        Assert.Equal(200, again.Status);
        var request = await _s.FindAsync(requestId);
        Assert.Equal(DsrStatus.Completed, request.Status);
        Assert.Contains(request.Timeline, t => t.What == "completed by product einvoicing" && t.Detail!.StartsWith("done at ", StringComparison.Ordinal));

        var outcome = await _s.DeliveryAsync(DsrMail.OutcomeKey(requestId, DsrEndpointScenario.DsrContact));
        Assert.Equal(DsrEndpointScenario.DsrContact, outcome.GetString("ToAddress"));
        Assert.Equal("dsr.outcome", outcome.GetString("NoticeKind"));
        // The customer is told when the product did it, not when we relayed it.
        Assert.Contains(PrivacyFunctions.Platform.Localization.ZonedTime.Format(doneAt, "Europe/Brussels"), outcome.GetString("TextBody"));
        var completed = Assert.Single(await _s.EventsAsync(requestId), e => e.GetString("Type") == DsrEvents.Completed);
        Assert.Equal("einvoicing", completed.GetString("ProductId"));
        Assert.Single((await _s.App.OutboxRowsAsync()), r => r.PartitionKey.StartsWith(DsrMail.KeyPrefix(requestId) + "outcome.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_completion_without_an_instruction_to_assist_is_a_409()
    {
        var requestId = await _s.ForwardedAsync("r-1");

        var response = await _s.CompleteAsync(requestId, CompletionBody());

        Assert.Equal(409, response.Status);
        Assert.EndsWith(":conflict", response.ProblemType, StringComparison.Ordinal);
        Assert.Equal(DsrStatus.Forwarded, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task A_completion_for_another_products_request_is_not_found()
    {
        var requestId = await InstructedToAssistAsync("r-1");

        var response = await _s.CompleteAsync(requestId, CompletionBody(DsrEndpointScenario.OtherProduct), productId: DsrEndpointScenario.OtherProduct);

        Assert.Equal(404, response.Status);
        Assert.Equal(DsrStatus.Instructed, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task A_completion_with_a_bad_signature_is_a_401()
    {
        var requestId = await InstructedToAssistAsync("r-1");

        var response = await _s.CompleteAsync(requestId, CompletionBody(), secret: TestApp.WebhookSecretOf(DsrEndpointScenario.OtherProduct));

        Assert.Equal(401, response.Status);
        Assert.Equal(DsrStatus.Instructed, (await _s.FindAsync(requestId)).Status);
    }

    [Theory]
    [InlineData("outcome", "failed")]
    [InlineData("outcome", null)]
    [InlineData("completedAt", "yesterday")]
    [InlineData("completedAt", "2026-03-10T09:00:00")]
    [InlineData("completedAt", "future")]
    [InlineData("completedAt", "before-receipt")]
    [InlineData("productId", null)]
    [InlineData("extra", "x")]
    public async Task An_invalid_completion_is_a_422_naming_the_field_and_changes_nothing(string field, string? value)
    {
        var requestId = await InstructedToAssistAsync("r-1");
        var body = CompletionBody();
        body[field] = value switch
        {
            "future" => _s.Now.AddMinutes(6).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            "before-receipt" => _s.Now.AddDays(-2).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
        if (value is null) body.Remove(field);

        var response = await _s.CompleteAsync(requestId, body);

        Assert.Equal(422, response.Status);
        Assert.Equal([field], response.ErrorFields);
        Assert.Equal(DsrStatus.Instructed, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task A_completion_up_to_five_minutes_ahead_of_our_clock_is_accepted()
    {
        var requestId = await InstructedToAssistAsync("r-1");

        var response = await _s.CompleteAsync(requestId, CompletionBody(completedAt: _s.Now.AddMinutes(5)));

        Assert.Equal(200, response.Status);
    }
}
