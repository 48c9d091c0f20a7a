using System.Text.Json.Nodes;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Flow;

public sealed class DsrIntakeTests : IAsyncLifetime
{
    private readonly DsrScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Fact]
    public async Task A_signed_request_is_accepted_with_202_and_the_same_request_again_returns_200_with_the_same_id()
    {
        var first = await _s.PostIntakeAsync(_s.IntakeBody());
        var again = await _s.PostIntakeAsync(_s.IntakeBody());

        Assert.Equal(202, first.Status);
        Assert.Equal("received", first.Body.GetProperty("status").GetString());
        Assert.Equal(200, again.Status);
        var requestId = first.Body.GetProperty("requestId").GetString()!;
        Assert.Equal(requestId, again.Body.GetProperty("requestId").GetString());
        Assert.StartsWith("acme:", requestId);
        await _s.DrainForwardingAsync(); // the forwarding publishes the intake's dsr.received before it forwards
        Assert.Single(await _s.EventsAsync(DsrEvents.Received));
    }

    [Fact]
    public async Task The_legal_clock_starts_at_the_earlier_of_the_products_receipt_and_ours()
    {
        var body = _s.IntakeBody();
        var productSaw = _s.App.Clock.GetUtcNow().AddHours(-5);
        body["receivedAt"] = productSaw.ToString("O");
        var withinSkew = _s.IntakeBody("ext-2");
        withinSkew["receivedAt"] = _s.App.Clock.GetUtcNow().AddMinutes(3).ToString("O");

        var requestId = (await _s.PostIntakeAsync(body)).Body.GetProperty("requestId").GetString()!;
        var skewedId = (await _s.PostIntakeAsync(withinSkew)).Body.GetProperty("requestId").GetString()!;

        Assert.Equal(productSaw, (await _s.RequestAsync(requestId)).ReceivedAt);
        Assert.Equal(_s.App.Clock.GetUtcNow(), (await _s.RequestAsync(skewedId)).ReceivedAt);
    }

    public static TheoryData<string, string, string> InvalidBodies() => new()
    {
        { "type", "\"deletion\"", "type" },
        { "externalId", "\"has space\"", "externalId" },
        { "subject", "{\"email\":\"not-an-email\"}", "subject.email" },
        { "subject", "{\"email\":\"a@b.example\",\"phone\":\"123\"}", "subject.phone" },
        { "receivedAt", "\"2026-03-10 09:00\"", "receivedAt" },
        { "message", "\"" + new string('x', 4001) + "\"", "message" },
        { "customerId", "\"nobody\"", "customerId" },
        { "receivedAt", "\"2026-03-10T11:00:00Z\"", "receivedAt" }, // two hours in the future
        { "subject", "{\"email\":\"a@b.example\",\"name\":\"Jane\\nDoe\"}", "subject.name" }, // a display name is one line
        { "subject", "{\"email\":\"a@b.example\",\"name\":\"" + new string('n', 101) + "\"}", "subject.name" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_requests_get_422_naming_the_field_and_nothing_is_stored(string field, string json, string errorField)
    {
        var body = _s.IntakeBody();
        body[field] = JsonNode.Parse(json);

        var response = await _s.PostIntakeAsync(body);

        Assert.Equal(422, response.Status);
        Assert.Contains(errorField, response.ErrorFields);
        Assert.DoesNotContain(await _s.App.RowsAsync(DsrStore.TableName), r => r.PartitionKey == "acme");
        Assert.Equal(0, await _s.QueuedForwardingsAsync());
    }

    [Fact]
    public async Task An_external_id_cannot_be_reused_for_another_customer()
    {
        await _s.CreateCustomerAsync("globex");
        await _s.PostIntakeAsync(_s.IntakeBody("ext-1", customerId: "acme"));

        var response = await _s.PostIntakeAsync(_s.IntakeBody("ext-1", customerId: "globex"));

        Assert.Equal(422, response.Status);
        Assert.Contains("customerId", response.ErrorFields);
        Assert.DoesNotContain(await _s.App.RowsAsync(DsrStore.TableName), r => r.PartitionKey == "globex");
    }

    [Fact]
    public async Task A_product_cannot_file_a_request_in_another_products_name()
    {
        var response = await _s.PostIntakeAsync(_s.IntakeBody(productId: "einvoicing"), signingProduct: "payments");

        Assert.Equal(422, response.Status);
        Assert.Contains("productId", response.ErrorFields);
        Assert.Empty(await _s.App.RowsAsync(DsrStore.TableName));
    }

    [Fact]
    public async Task A_bad_signature_is_a_401_and_nothing_is_written()
    {
        var response = await _s.PostIntakeAsync(_s.IntakeBody(), secret: "whsec_" + Convert.ToBase64String(new byte[32]));

        Assert.Equal(401, response.Status);
        Assert.Equal("urn:privacyfunctions:problem:webhook-unauthorized", response.ProblemType);
        Assert.Empty(await _s.App.RowsAsync(DsrStore.TableName));
        Assert.Empty(await _s.App.RowsAsync(StorageNames.Tables.WebhookReplays));
    }

    [Fact]
    public async Task A_malformed_body_is_a_400()
    {
        var request = Support.HttpRequests.SignedWebhook("/api/dsr", "{\"productId\":", "einvoicing", "msg_1", _s.App.Clock.GetUtcNow());

        var response = Support.Response.Of(await _s.App.Function<DsrIntakeFunctions>().Post(request, CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.Empty(await _s.App.RowsAsync(DsrStore.TableName));
    }

    [Fact]
    public async Task The_subjects_details_never_reach_the_logs()
    {
        await _s.PostIntakeAsync(_s.IntakeBody());
        await _s.DrainForwardingAsync();

        var logs = _s.App.Logs.GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains("accepted"));
        Assert.DoesNotContain(logs, r => r.Message.Contains("jane", StringComparison.OrdinalIgnoreCase) || r.Message.Contains("<all>"));
        Assert.DoesNotContain(logs, r => r.StructuredState?.Any(kv => kv.Value?.Contains("jane", StringComparison.OrdinalIgnoreCase) == true) == true);
    }
}
