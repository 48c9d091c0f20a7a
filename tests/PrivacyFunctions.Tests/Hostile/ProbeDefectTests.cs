using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Customers;
using PrivacyFunctions.Tests.DataSubjectRequests.Endpoints;
using PrivacyFunctions.Tests.DataSubjectRequests.Flow;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Hostile;

/// <summary>What the outside probe broke, one test each: cold-start recovery, invalid UTF-8, trailing newlines.</summary>
public sealed class ProbeDefectTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private CustomerFunctions Customers => _app.Function<CustomerFunctions>();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private async Task<Response> GetCustomerAsync(string id, CancellationToken cancellationToken = default) =>
        Response.Of(await Customers.Get(HttpRequests.Json("GET", "/api/customers/x"), id, cancellationToken));

    [Fact]
    public async Task A_cold_instance_whose_first_table_creation_failed_recovers_as_soon_as_storage_answers()
    {
        _app.Faults.FailNext("POST", "/Tables"); // storage is down when the instance first touches the table

        await Assert.ThrowsAsync<InjectedCrashException>(() => GetCustomerAsync("acme"));

        Assert.Equal(404, (await GetCustomerAsync("acme")).Status);
        Assert.Equal(404, (await GetCustomerAsync("acme")).Status);
    }

    [Fact]
    public async Task A_cancelled_first_request_does_not_break_the_table_for_the_next_ones()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GetCustomerAsync("acme", cancelled.Token));

        for (var i = 0; i < 3; i++)
            Assert.Equal(404, (await GetCustomerAsync("acme")).Status);
    }

    [Fact]
    public async Task A_queue_whose_first_creation_failed_is_created_on_the_next_use()
    {
        _app.Faults.FailNext("PUT", "/" + _app.Storage.QueueName(DsrForwardingQueue.Name));
        var queue = _app.Get<DsrForwardingQueue>();

        await Assert.ThrowsAsync<InjectedCrashException>(() => queue.EnqueueAsync("acme:aaaaaaaaaaaaaaaaaaaa", _app.Clock.GetUtcNow(), CancellationToken.None));
        await queue.EnqueueAsync("acme:aaaaaaaaaaaaaaaaaaaa", _app.Clock.GetUtcNow(), CancellationToken.None);

        var client = await _app.Storage.QueueAsync(DsrForwardingQueue.Name);
        Assert.Equal(1, (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    public static TheoryData<byte[]> InvalidUtf8Bodies() =>
    [
        [.. "{\"name\":\""u8, 0xFF, .. "\"}"u8],
        [.. "{\"name\":\""u8, 0xC0, 0xAF, .. "\"}"u8],
        [.. "{\"name\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], // an encoded surrogate
        "{\"name\":\"\\ud800\"}"u8.ToArray(), // a lone surrogate escape
        "{\"\\udc00\":\"x\"}"u8.ToArray(),
    ];

    [Theory]
    [MemberData(nameof(InvalidUtf8Bodies))]
    public async Task A_json_string_that_is_not_valid_unicode_is_a_400_malformed_json_and_writes_nothing(byte[] body)
    {
        var request = HttpRequests.Json("PUT", "/api/customers/acme", "");
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        using var measurement = _app.Requests.Measure();

        var response = Response.Of(await Customers.Put(request, "acme", CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.EndsWith(":malformed-json", response.ProblemType, StringComparison.Ordinal);
        Assert.Empty(measurement.Writes);
    }

    [Theory]
    [InlineData("acme\n")]
    [InlineData("acme\r\n")]
    [InlineData("acme/x")]
    [InlineData("acme#")]
    public async Task A_route_id_with_a_trailing_newline_or_key_character_is_a_400_not_a_500(string id)
    {
        var response = await GetCustomerAsync(id);

        Assert.Equal(400, response.Status);
        Assert.Equal(Problems.ContentType, response.ContentType);
    }

    [Theory]
    [InlineData("acme\n")]
    [InlineData("a\n")]
    public void Ids_emails_and_locales_are_anchored_at_the_very_end(string text)
    {
        Assert.DoesNotMatch(JsonFields.IdPattern(), text);
        Assert.False(EmailAddress.IsValid("a@b.example\n"));
        Assert.DoesNotMatch(LocalePattern.Regex(), "en\n");
        Assert.Null(RequestIds.CustomerOf(RequestIds.For("acme", "einvoicing", "x") + "\n"));
    }

    [Theory]
    [InlineData("contacts.dsr", "privacy@acme.example\n")]
    [InlineData("locale", "en\n")]
    [InlineData("endUserContact.email", "rights@acme.example\n")]
    public async Task A_trailing_newline_in_an_email_or_locale_is_refused_and_nothing_is_stored(string path, string value)
    {
        var body = CustomerFunctionsTests.ValidBody();
        var parts = path.Split('.');
        if (parts.Length == 1) body[path] = value;
        else if (parts[0] == "contacts") body["contacts"]![parts[1]] = new JsonArray(value);
        else body[parts[0]]![parts[1]] = value;

        var response = Response.Of(await Customers.Put(
            HttpRequests.Json("PUT", "/api/customers/acme", body.ToJsonString()), "acme", CancellationToken.None));

        Assert.Equal(422, response.Status);
        Assert.Single(response.ErrorFields);
        Assert.Equal(404, (await GetCustomerAsync("acme")).Status);
    }
}

/// <summary>A signed intake with a trailing newline in <c>externalId</c> wrote a due hint, then failed with a 500.</summary>
public sealed class IntakeRejectionWritesNothingTests : IAsyncLifetime
{
    private readonly DsrScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Theory]
    [InlineData("externalId", "x\n")]
    [InlineData("productId", "einvoicing\n")]
    [InlineData("customerId", "acme\n")]
    [InlineData("channel", "web\n")]
    public async Task A_trailing_newline_in_an_id_is_a_422_and_writes_nothing_but_the_webhook_claim(string field, string value)
    {
        var body = _s.IntakeBody();
        body[field] = value;
        await _s.App.CreateTablesAsync();
        using var measurement = _s.App.Requests.Measure();

        var response = await _s.PostIntakeAsync(body);

        Assert.Equal(422, response.Status);
        Assert.Equal([field], response.ErrorFields);
        Assert.All(measurement.Writes, w => Assert.Contains(StorageNames.Tables.WebhookReplays, w));
    }
}
