using PrivacyFunctions.Platform.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Endpoints;

public sealed class DsrStatusEndpointTests : IAsyncLifetime
{
    private readonly DsrEndpointScenario _s = new();
    private DsrStatusFunctions Functions => _s.App.Function<DsrStatusFunctions>();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private async Task<Response> GetAsync(string requestId) =>
        Response.Of(await Functions.Get(HttpRequests.Json("GET", $"/api/dsr/{requestId}"), requestId, CancellationToken.None));

    private async Task<Response> ListAsync(string query, string customerId = DsrEndpointScenario.CustomerId)
    {
        var request = HttpRequests.Json("GET", $"/api/customers/{customerId}/dsr");
        request.QueryString = new QueryString(query);
        return Response.Of(await Functions.List(request, customerId, CancellationToken.None));
    }

    [Fact]
    public async Task The_status_shows_the_deadline_and_timeline_but_no_personal_data_of_the_subject()
    {
        var requestId = await _s.ForwardedAsync("r-1", receivedAt: new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero));

        var response = await GetAsync(requestId);

        Assert.Equal(200, response.Status);
        var body = response.Body;
        Assert.Equal(requestId, body.GetProperty("requestId").GetString());
        Assert.Equal("acme", body.GetProperty("customerId").GetString());
        Assert.Equal("einvoicing", body.GetProperty("productId").GetString());
        Assert.Equal("r-1", body.GetProperty("externalId").GetString());
        Assert.Equal("erasure", body.GetProperty("type").GetString());
        Assert.Equal("forwarded", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("escalation").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("instruction").ValueKind);
        Assert.Equal(1, body.GetProperty("forwardedToCount").GetInt32());
        Assert.False(body.GetProperty("subjectErased").GetBoolean());
        var deadline = body.GetProperty("deadline");
        Assert.Equal("2026-04-10", deadline.GetProperty("dueDate").GetString());
        Assert.Equal(new DateTimeOffset(2026, 4, 10, 22, 0, 0, TimeSpan.Zero), deadline.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("Europe/Brussels", deadline.GetProperty("timeZone").GetString());
        Assert.Equal(0, deadline.GetProperty("extensionMonths").GetInt32());
        var timeline = body.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("what").GetString()!).ToArray();
        Assert.Equal("received", timeline[0]);
        Assert.Contains(timeline, w => w.StartsWith("forwarded to 1", StringComparison.Ordinal));

        var json = body.GetRawText();
        Assert.DoesNotContain(DsrEndpointScenario.SubjectEmail, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mail.example", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DsrEndpointScenario.SubjectName, json, StringComparison.Ordinal);
        Assert.DoesNotContain("invoice 4711", json, StringComparison.Ordinal);
        Assert.DoesNotContain("@", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-request")]
    [InlineData("acme:short")]
    [InlineData("acme:ABCDEFGHIJKLMNOPQRST")]
    [InlineData("bad/customer:abcdefghijklmnopqrst")]
    public async Task A_malformed_request_id_is_a_400_naming_it(string requestId)
    {
        var response = await GetAsync(requestId);

        Assert.Equal(400, response.Status);
        Assert.EndsWith(":invalid-parameter", response.ProblemType, StringComparison.Ordinal);
        Assert.Equal(["requestId"], response.ErrorFields);
    }

    [Fact]
    public async Task An_unknown_request_is_a_404()
    {
        var response = await GetAsync(RequestIds.For("acme", "einvoicing", "never-sent"));

        Assert.Equal(404, response.Status);
        Assert.EndsWith(":not-found", response.ProblemType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_pages_with_a_url_safe_continuation_token()
    {
        var ids = new[] { await _s.ReceiveAsync("r-1"), await _s.ReceiveAsync("r-2"), await _s.ReceiveAsync("r-3") };

        var first = await ListAsync("?pageSize=2");
        Assert.Equal(200, first.Status);
        Assert.Equal(2, first.Body.GetProperty("items").GetArrayLength());
        var token = first.Body.GetProperty("continuationToken").GetString()!;
        Assert.Matches(new Regex("^[A-Za-z0-9_-]+$"), token);

        var second = await ListAsync("?pageSize=2&continuationToken=" + token);
        Assert.Equal(200, second.Status);
        Assert.Equal(1, second.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.Body.GetProperty("continuationToken").ValueKind);

        var listed = first.Body.GetProperty("items").EnumerateArray().Concat(second.Body.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("requestId").GetString()).Order().ToArray();
        Assert.Equal(ids.Order(), listed);
        var item = first.Body.GetProperty("items")[0];
        Assert.Equal("received", item.GetProperty("status").GetString());
        Assert.Equal("einvoicing", item.GetProperty("productId").GetString());
        Assert.True(item.TryGetProperty("dueAt", out _));
        Assert.DoesNotContain("@", first.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_filters_by_status_and_defaults_to_pages_of_25()
    {
        var forwarded1 = await _s.ForwardedAsync("r-1");
        var forwarded2 = await _s.ForwardedAsync("r-2");
        var received = await _s.ReceiveAsync("r-3");

        var onlyForwarded = await ListAsync("?status=forwarded");
        var onlyReceived = await ListAsync("?status=received");
        var none = await ListAsync("?status=completed");
        var all = await ListAsync("");

        Assert.Equal(new[] { forwarded1, forwarded2 }.Order(), onlyForwarded.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("requestId").GetString()).Order());
        Assert.Equal([received], onlyReceived.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("requestId").GetString()));
        Assert.Equal(0, none.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(3, all.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, all.Body.GetProperty("continuationToken").ValueKind);
    }

    [Fact]
    public async Task A_status_filter_pages_through_only_matching_requests()
    {
        await _s.ForwardedAsync("r-1");
        await _s.ReceiveAsync("r-2");
        await _s.ForwardedAsync("r-3");
        await _s.ForwardedAsync("r-4");

        var first = await ListAsync("?status=forwarded&pageSize=2");
        var token = first.Body.GetProperty("continuationToken").GetString();
        var seen = first.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ToList();
        while (token is not null)
        {
            var next = await ListAsync("?status=forwarded&pageSize=2&continuationToken=" + token);
            seen.AddRange(next.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
            token = next.Body.GetProperty("continuationToken").GetString();
        }

        Assert.Equal(["forwarded", "forwarded", "forwarded"], seen);
    }

    [Theory]
    [InlineData("?status=Forwarded", "status")]
    [InlineData("?status=open", "status")]
    [InlineData("?status=received&status=forwarded", "status")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=ten", "pageSize")]
    [InlineData("?pageSize=-1", "pageSize")]
    [InlineData("?continuationToken=not*base64", "continuationToken")]
    [InlineData("?status=", "status")]
    [InlineData("?statuss=closed", "statuss")]
    [InlineData("?continuationToken=eyJ2IjoxfQ", "continuationToken")]
    public async Task Invalid_list_parameters_are_a_400_naming_the_parameter(string query, string field)
    {
        var response = await ListAsync(query);

        Assert.Equal(400, response.Status);
        Assert.EndsWith(":invalid-parameter", response.ProblemType, StringComparison.Ordinal);
        Assert.Equal([field], response.ErrorFields);
    }

    [Fact]
    public async Task A_continuation_token_only_continues_the_query_that_produced_it()
    {
        await _s.ReceiveAsync("r-1");
        await _s.ReceiveAsync("r-2");
        await _s.CreateCustomerAsync("globex");
        var token = (await ListAsync("?pageSize=1")).Body.GetProperty("continuationToken").GetString()!;

        var otherStatus = await ListAsync("?pageSize=1&status=received&continuationToken=" + token);
        var otherCustomer = await ListAsync("?pageSize=1&continuationToken=" + token, customerId: "globex");

        Assert.Equal(["continuationToken"], otherStatus.ErrorFields);
        Assert.Equal(["continuationToken"], otherCustomer.ErrorFields);
    }

    [Fact]
    public async Task A_forged_continuation_never_lists_another_customers_requests()
    {
        await _s.ReceiveAsync("r-1");
        await _s.CreateCustomerAsync("globex");
        for (var i = 0; i < 3; i++)
            await _s.ReceiveAsync($"g-{i}", customerId: "globex");
        var globexToken = (await ListAsync("?pageSize=1", customerId: "globex")).Body.GetProperty("continuationToken").GetString()!;
        var inner = ContinuationTokens.Decode(globexToken, DsrQueries.ListScope("globex", null))!;
        var forged = ContinuationTokens.Encode(inner, DsrQueries.ListScope("acme", null));

        var response = await ListAsync("?pageSize=10&continuationToken=" + forged);

        if (response.Status == 200)
            Assert.All(response.Body.GetProperty("items").EnumerateArray(),
                i => Assert.StartsWith("acme:", i.GetProperty("requestId").GetString(), StringComparison.Ordinal));
        else
            Assert.Equal(["continuationToken"], response.ErrorFields);
    }

    [Fact]
    public async Task An_unknown_customer_is_a_404_and_a_malformed_one_a_400()
    {
        var unknown = await ListAsync("", customerId: "nobody");
        var malformed = await ListAsync("", customerId: "bad:id");

        Assert.Equal(404, unknown.Status);
        Assert.Equal(400, malformed.Status);
        Assert.Equal(["customerId"], malformed.ErrorFields);
    }
}
