using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.DataSubjectRequests.Endpoints;
using PrivacyFunctions.Tests.DataSubjectRequests.Flow;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Hostile;

/// <summary>A signed cancel or completion acts only on the request its body names, and a webhook-id answered is spent.</summary>
public sealed class WebhookReplayAcrossRequestsTests : IAsyncLifetime
{
    private readonly DsrEndpointScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private static JsonObject Cancel(string? requestId) => new() { ["requestId"] = requestId, ["productId"] = "einvoicing", ["reason"] = "duplicate" };

    [Fact]
    public async Task A_cancel_that_got_409_cannot_be_replayed_against_another_request()
    {
        var forwarded = await _s.ForwardedAsync("r-1");
        var other = await _s.ReceiveAsync("r-2");
        var captured = _s.Signed($"/api/dsr/{forwarded}/cancel", Cancel(forwarded), webhookId: "msg_captured");
        var conflict = Response.Of(await _s.App.Function<DsrProductFunctions>().Cancel(captured, forwarded, CancellationToken.None));
        Assert.Equal(409, conflict.Status);

        // The attacker re-sends the captured delivery, byte for byte, at another request's route.
        var replay = _s.Signed($"/api/dsr/{other}/cancel", Cancel(forwarded), webhookId: "msg_captured");
        var response = Response.Of(await _s.App.Function<DsrProductFunctions>().Cancel(replay, other, CancellationToken.None));

        Assert.Equal(401, response.Status);
        Assert.Equal(DsrStatus.Received, (await _s.FindAsync(other)).Status);
    }

    [Fact]
    public async Task A_signed_body_naming_another_request_is_a_422_and_changes_neither()
    {
        var first = await _s.ReceiveAsync("r-1");
        var second = await _s.ReceiveAsync("r-2");

        var response = await _s.CancelAsync(second, Cancel(first));

        Assert.Equal(422, response.Status);
        Assert.Equal(["requestId"], response.ErrorFields);
        Assert.Equal(DsrStatus.Received, (await _s.FindAsync(first)).Status);
        Assert.Equal(DsrStatus.Received, (await _s.FindAsync(second)).Status);
    }

    [Fact]
    public async Task A_cancel_or_completion_body_must_name_the_request()
    {
        var requestId = await _s.ReceiveAsync("r-1");

        var cancel = await _s.CancelAsync(requestId, Cancel(null));
        var completion = await _s.CompleteAsync(requestId, new JsonObject
        {
            ["requestId"] = null, ["productId"] = "einvoicing", ["outcome"] = "done",
            ["completedAt"] = _s.Now.ToString("O", CultureInfo.InvariantCulture),
        });

        Assert.Equal(422, cancel.Status);
        Assert.Equal(["requestId"], cancel.ErrorFields);
        Assert.Equal(422, completion.Status);
        Assert.Equal(["requestId"], completion.ErrorFields);
    }

    [Fact]
    public async Task Of_concurrent_copies_of_one_signed_cancel_exactly_one_is_answered_and_the_rest_refused()
    {
        var requestId = await _s.ReceiveAsync("r-1");
        var requests = Enumerable.Range(0, 6).Select(_ => _s.Signed($"/api/dsr/{requestId}/cancel", Cancel(requestId), webhookId: "msg_same")).ToList();

        var responses = await Task.WhenAll(requests.Select(async r =>
            Response.Of(await _s.App.Function<DsrProductFunctions>().Cancel(r, requestId, CancellationToken.None))));

        Assert.Equal(1, responses.Count(r => r.Status == 200));
        Assert.Equal(5, responses.Count(r => r.Status == 401));
    }

    [Fact]
    public async Task A_delivery_we_failed_with_a_5xx_can_be_retried_with_the_same_webhook_id()
    {
        var requestId = await _s.ReceiveAsync("r-1");
        // The request row cannot be read: the handler throws, which the host answers 500.
        _s.App.Faults.FailNext("GET", _s.App.Storage.TableName(DsrStore.TableName) + "(");
        await Assert.ThrowsAsync<InjectedCrashException>(() => _s.CancelAsync(requestId, Cancel(requestId), webhookId: "msg_retry"));

        var retry = await _s.CancelAsync(requestId, Cancel(requestId), webhookId: "msg_retry");

        Assert.Equal(200, retry.Status);
        Assert.Equal(DsrStatus.Cancelled, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task A_webhook_id_answered_with_a_4xx_is_never_accepted_again()
    {
        var requestId = await _s.ReceiveAsync("r-1");
        var bad = await _s.CancelAsync(requestId, new JsonObject { ["productId"] = "einvoicing", ["reason"] = "not-a-code" }, webhookId: "msg_once");
        Assert.Equal(422, bad.Status);

        var again = await _s.CancelAsync(requestId, Cancel(requestId), webhookId: "msg_once");

        Assert.Equal(401, again.Status);
        Assert.Equal(DsrStatus.Received, (await _s.FindAsync(requestId)).Status);
    }
}

/// <summary>receivedAt has a lower bound; a late request gets a link that opens and an escalation at once.</summary>
public sealed class ReceiptBoundsTests : IAsyncLifetime
{
    private readonly DsrScenario _s = new(new() { ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development" });

    public Task InitializeAsync() => _s.CreateCustomerAsync(timeZone: "America/Los_Angeles");
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Theory]
    [InlineData("0001-01-01T00:00:00-05:00")]
    [InlineData("1970-01-01T00:00:00Z")]
    public async Task A_receipt_that_cannot_be_right_is_a_422_naming_receivedAt_and_writes_nothing(string receivedAt)
    {
        var body = _s.IntakeBody();
        body["receivedAt"] = receivedAt;
        await _s.App.CreateTablesAsync();
        using var measurement = _s.App.Requests.Measure();

        var response = await _s.PostIntakeAsync(body);

        Assert.Equal(422, response.Status);
        Assert.Equal(["receivedAt"], response.ErrorFields);
        Assert.Contains("Dsr:MaxReceiptAge", response.Body.GetProperty("errors").GetProperty("receivedAt")[0].GetString());
        Assert.All(measurement.Writes, w => Assert.Contains(StorageNames.Tables.WebhookReplays, w));
    }

    [Fact]
    public async Task The_limit_is_the_configured_age_and_a_receipt_just_inside_it_is_accepted()
    {
        var body = _s.IntakeBody();
        body["receivedAt"] = _s.App.Clock.GetUtcNow().AddDays(-179).ToString("O", CultureInfo.InvariantCulture);

        Assert.Equal(202, (await _s.PostIntakeAsync(body)).Status);
    }

    [Fact]
    public async Task A_request_four_months_old_is_forwarded_with_a_link_that_opens_and_escalated_to_the_DPO_at_once()
    {
        var body = _s.IntakeBody();
        body["receivedAt"] = _s.App.Clock.GetUtcNow().AddDays(-120).ToString("O", CultureInfo.InvariantCulture);
        var requestId = (await _s.PostIntakeAsync(body)).Body.GetProperty("requestId").GetString()!;

        await _s.DrainForwardingAsync();

        var request = await _s.RequestAsync(requestId);
        Assert.Equal(DsrStatus.Forwarded, request.Status);
        Assert.Equal(EscalationReason.DeadlineOverdue, request.Lifecycle.Escalation);
        Assert.Single(await _s.DeliveriesAsync(), d => d.GetString("ToAddress") == "dpo@processor.example");

        var forward = Assert.Single(await _s.DeliveriesAsync(), d => d.GetString("ToAddress") == "privacy-requests@acme.example");
        var token = System.Text.RegularExpressions.Regex.Match(forward.GetString("TextBody"), @"token=([A-Za-z0-9_.%-]+)").Groups[1].Value;
        var validation = _s.App.Get<LinkTokens>().Validate(Uri.UnescapeDataString(token), LinkPurposes.DsrInstruction, requestId);
        Assert.IsType<LinkValidation.Valid>(validation);
        _s.App.Clock.Advance(DsrForwarding.MinimumLinkLife - TimeSpan.FromMinutes(1));
        Assert.IsType<LinkValidation.Valid>(_s.App.Get<LinkTokens>().Validate(Uri.UnescapeDataString(token), LinkPurposes.DsrInstruction, requestId));
    }
}

/// <summary>Concurrent identical intakes: one 202, the rest 200, one forwarding message.</summary>
public sealed class ConcurrentIntakeTests : IAsyncLifetime
{
    private readonly DsrScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Fact]
    public async Task Of_concurrent_identical_intakes_exactly_one_answers_202_and_one_forwarding_is_queued()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _s.PostIntakeAsync(_s.IntakeBody())));

        Assert.Equal(1, responses.Count(r => r.Status == 202));
        Assert.Equal(11, responses.Count(r => r.Status == 200));
        Assert.Single(responses.Select(r => r.Body.GetProperty("requestId").GetString()).Distinct());
        Assert.Equal(1, await _s.QueuedForwardingsAsync());
    }
}

/// <summary>A repeated extension with another reason is refused, like a second end-user message.</summary>
public sealed class RepeatedExtensionTests : IAsyncLifetime
{
    private readonly DsrEndpointScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Fact]
    public async Task The_same_extension_again_is_200_but_with_another_reason_409_and_the_first_reason_stays()
    {
        var requestId = await _s.ForwardedAsync("r-1");
        var token = await _s.TokenFromForwardEmailAsync(requestId);
        var extend = new JsonObject { ["decision"] = "extend", ["months"] = 1, ["reason"] = "many systems to search" };

        Assert.Equal(200, (await _s.PostJsonAsync(requestId, token, extend)).Status);
        Assert.Equal(200, (await _s.PostJsonAsync(requestId, token, extend)).Status);
        var other = await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "extend", ["months"] = 1, ["reason"] = "another reason" });

        Assert.Equal(409, other.Status);
        Assert.Equal("many systems to search", (await _s.FindAsync(requestId)).Lifecycle.ExtensionReason);
    }
}

/// <summary>The forwarding poison handler records and alerts whatever the message, and never throws on it.</summary>
public sealed class ForwardingPoisonTests : IAsyncLifetime
{
    private readonly DsrScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"requestId\":\"acme:x\"}")]
    [InlineData("acme:aaaa\n/#?")]
    [InlineData("\u0000\u202E<script>")]
    public async Task Any_poison_message_raises_one_DPO_alert_and_does_not_throw(string? message)
    {
        var functions = _s.App.Function<DsrForwardingFunctions>();

        await functions.Poison(message, CancellationToken.None);
        await functions.Poison(message, CancellationToken.None);

        var alert = Assert.Single(await _s.DeliveriesAsync());
        Assert.Equal("dpo@processor.example", alert.GetString("ToAddress"));
        Assert.DoesNotContain("script", alert.GetString("TextBody"));
    }

    [Fact]
    public async Task A_poisoned_request_id_is_named_in_the_alert()
    {
        var requestId = RequestIds.For("acme", "einvoicing", "r-1");

        await _s.App.Function<DsrForwardingFunctions>().Poison(requestId + "\n", CancellationToken.None);

        Assert.Contains(requestId, Assert.Single(await _s.DeliveriesAsync()).GetString("Subject"));
    }
}
