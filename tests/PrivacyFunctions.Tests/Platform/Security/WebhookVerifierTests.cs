using System.Text;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform.Security;

public sealed class WebhookVerifierTests : IAsyncLifetime
{
    private const string Product = "einvoicing";
    private static readonly string Secret = WebhookSecret.Generate();
    private static readonly string OtherProductSecret = WebhookSecret.Generate();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"productId":"einvoicing","externalId":"r-1"}""");

    private readonly TestApp _app = new(new()
    {
        [$"Products:{Product}:WebhookSecret"] = Secret,
        ["Products:payments:WebhookSecret"] = OtherProductSecret,
        ["Products:archive:DisplayName"] = "a product configured without webhooks",
    });

    private WebhookVerifier Verifier => _app.Get<WebhookVerifier>();
    private DateTimeOffset Now => _app.Clock.GetUtcNow();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_correctly_signed_webhook_is_authenticated_and_its_id_claimed_at_once()
    {
        var request = Signed(Body, Secret, "msg_1", Now);

        var verification = await Verifier.VerifyAsync(request, Body, default);

        Assert.True(verification.IsAuthenticated);
        Assert.Equal(new AuthenticatedWebhook(Product, "msg_1", DateTimeOffset.FromUnixTimeSeconds(Now.ToUnixTimeSeconds())), verification.Webhook);
        // Claimed before the handler runs: a copy sent concurrently, or after a 4xx, is a replay.
        Assert.Equal([(Product, "msg_1")], await ReplayRowsAsync());
    }

    [Fact]
    public async Task The_claim_costs_one_storage_request_not_a_read_and_an_insert()
    {
        await AcceptAsync(Signed(Body, Secret, "msg_0", Now), Body); // the table exists from here on
        using var measurement = _app.Requests.Measure();

        await AcceptAsync(Signed(Body, Secret, "msg_1", Now), Body);

        Assert.Equal(1, measurement.Requests);
    }

    [Fact]
    public async Task Of_concurrent_deliveries_of_one_id_exactly_one_is_accepted()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AcceptAsync(Signed(Body, Secret, "msg_1", Now), Body)));

        Assert.Equal(1, results.Count(r => r.IsAuthenticated));
    }

    [Fact]
    public async Task A_webhook_id_replayed_after_acceptance_is_refused()
    {
        await AcceptAsync(Signed(Body, Secret, "msg_1", Now), Body);
        _app.Clock.Advance(TimeSpan.FromSeconds(30));

        var replay = await AcceptAsync(Signed(Body, Secret, "msg_1", Now), Body);

        AssertUnauthorized(replay, "already accepted");
        Assert.Equal([(Product, "msg_1")], await ReplayRowsAsync());
    }

    [Fact]
    public async Task A_retry_of_a_webhook_we_failed_to_handle_is_accepted_once_its_id_was_released()
    {
        var first = await Verifier.VerifyAsync(Signed(Body, Secret, "msg_1", Now), Body, default);
        Assert.True(first.IsAuthenticated);
        await Verifier.ReleaseAsync(first.Webhook); // ...the handler failed with a 5xx

        var retry = await AcceptAsync(Signed(Body, Secret, "msg_1", Now.AddSeconds(10)), Body);

        Assert.True(retry.IsAuthenticated);
    }

    [Fact]
    public async Task The_same_webhook_id_from_another_product_is_not_a_replay()
    {
        await AcceptAsync(Signed(Body, Secret, "msg_1", Now), Body);
        var other = await AcceptAsync(Signed(Body, OtherProductSecret, "msg_1", Now, product: "payments"), Body);
        Assert.Equal("payments", Assert.IsType<AuthenticatedWebhook>(other.Webhook).ProductId);
    }

    [Fact]
    public async Task A_signature_made_with_the_wrong_secret_is_refused_and_nothing_is_written()
    {
        var result = await AcceptAsync(Signed(Body, WebhookSecret.Generate(), "msg_1", Now), Body);
        AssertUnauthorized(result, "signature does not match");
        Assert.Empty(await ReplayRowsAsync());
    }

    [Fact]
    public async Task Another_products_secret_does_not_sign_for_this_product()
    {
        var result = await AcceptAsync(Signed(Body, OtherProductSecret, "msg_1", Now), Body);
        AssertUnauthorized(result, "signature does not match");
        Assert.Empty(await ReplayRowsAsync());
    }

    [Fact]
    public async Task A_tampered_body_is_refused_and_nothing_is_written()
    {
        var request = Signed(Body, Secret, "msg_1", Now);
        var tampered = Encoding.UTF8.GetBytes("""{"productId":"einvoicing","externalId":"r-2"}""");

        var result = await AcceptAsync(request, tampered);

        AssertUnauthorized(result, "signature does not match");
        Assert.Empty(await ReplayRowsAsync());
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public async Task A_timestamp_more_than_five_minutes_away_either_way_is_refused(int offsetSeconds)
    {
        var result = await AcceptAsync(Signed(Body, Secret, "msg_1", Now.AddSeconds(offsetSeconds)), Body);
        AssertUnauthorized(result, "more than 5 minutes");
        Assert.Empty(await ReplayRowsAsync());
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public async Task A_timestamp_exactly_five_minutes_away_is_accepted(int offsetSeconds)
    {
        var result = await AcceptAsync(Signed(Body, Secret, "msg_1", Now.AddSeconds(offsetSeconds)), Body);
        Assert.True(result.IsAuthenticated);
    }

    [Theory]
    [InlineData(WebhookHeaders.Id)]
    [InlineData(WebhookHeaders.Timestamp)]
    [InlineData(WebhookHeaders.Signature)]
    [InlineData(WebhookHeaders.Product)]
    public async Task A_missing_header_is_refused_naming_it_and_nothing_is_written(string header)
    {
        var request = Signed(Body, Secret, "msg_1", Now);
        request.Headers.Remove(header);

        var result = await AcceptAsync(request, Body);

        AssertUnauthorized(result, header);
        Assert.Empty(await ReplayRowsAsync());
    }

    [Fact]
    public async Task An_unknown_product_gets_the_same_answer_as_a_wrong_signature()
    {
        foreach (var product in new[] { "nosuchproduct", "archive" })
        {
            var result = await AcceptAsync(Signed(Body, Secret, "msg_1", Now, product: product), Body);
            AssertUnauthorized(result, "signature does not match");
        }
        Assert.Empty(await ReplayRowsAsync());
    }

    [Theory]
    [InlineData("msg/1", Product)]
    [InlineData("msg#1", Product)]
    [InlineData("msg_1", "ein/voicing")]
    public async Task Ids_that_are_not_safe_table_keys_are_refused_before_any_storage_access(string webhookId, string product)
    {
        var request = Signed(Body, Secret, webhookId, Now, product: product);

        using var measurement = _app.Requests.Measure();
        var result = await Verifier.VerifyAsync(request, Body, default);

        AssertUnauthorized(result, "malformed");
        Assert.Equal(0, measurement.Requests);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5e9")]
    [InlineData("99999999999999999999")]
    public async Task A_timestamp_that_is_not_unix_seconds_is_refused(string timestamp)
    {
        var request = Signed(Body, Secret, "msg_1", Now);
        request.Headers[WebhookHeaders.Timestamp] = timestamp;
        AssertUnauthorized(await AcceptAsync(request, Body), "Unix seconds");
    }

    [Fact]
    public async Task Any_matching_v1_signature_in_the_list_is_enough_so_products_can_rotate_secrets()
    {
        var request = Signed(Body, Secret, "msg_1", Now);
        var good = request.Headers[WebhookHeaders.Signature].ToString();
        var stale = new WebhookSigner(WebhookSecret.Generate()).Headers(Product, "msg_1", Now, Body)[WebhookHeaders.Signature];
        request.Headers[WebhookHeaders.Signature] = $"v1a,c29tZXRoaW5n {stale} {good}";

        Assert.True((await AcceptAsync(request, Body)).IsAuthenticated);
    }

    [Fact]
    public void The_signer_matches_the_StandardWebhooks_reference_library()
    {
        var library = new StandardWebhooks.StandardWebhook(Secret);
        var text = Encoding.UTF8.GetString(Body);
        var expected = library.Sign("msg_1", Now, text);

        var ours = new WebhookSigner(Secret).Headers(Product, "msg_1", Now, Body)[WebhookHeaders.Signature];

        Assert.Equal(expected, ours);
    }

    [Fact]
    public void The_signer_reproduces_the_published_Standard_Webhooks_example()
    {
        var signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        var headers = signer.Headers(Product, "msg_p5jXN8AQM9LWM0D4loKWxJek", DateTimeOffset.FromUnixTimeSeconds(1614265330),
            """{"test": 2432232314}"""u8);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", headers[WebhookHeaders.Signature]);
        Assert.Equal("1614265330", headers[WebhookHeaders.Timestamp]);
    }

    [Fact]
    public async Task ReadVerifiedAsync_reads_the_body_within_the_limit_then_verifies()
    {
        var request = Signed(Body, Secret, "msg_1", Now);
        var (webhook, body, problem) = await Verifier.ReadVerifiedAsync(request, 1024, default);
        Assert.Null(problem);
        Assert.Equal(Product, webhook!.ProductId);
        Assert.Equal(Body, body);

        var tooLarge = await Verifier.ReadVerifiedAsync(Signed(Body, Secret, "msg_2", Now), 8, default);
        Assert.Equal(413, tooLarge.Problem!.StatusCode);
    }

    [Fact]
    public void The_body_may_only_name_the_product_that_signed_it()
    {
        var webhook = new AuthenticatedWebhook(Product, "msg_1", Now);
        var errors = new ValidationErrors();

        Assert.True(webhook.RequireSameProduct(Product, errors));
        Assert.False(webhook.RequireSameProduct("payments", errors));

        Assert.Equal(["productId"], errors.Fields);
    }

    [Fact]
    public async Task Malformed_secrets_stop_the_app_at_start_naming_the_setting()
    {
        await using var app = new TestApp(new() { ["Products:payments:WebhookSecret"] = "whsec_c2hvcnQ=" });
        var error = Assert.Throws<OptionsValidationException>(() => app.Get<IOptions<WebhookOptions>>().Value);
        Assert.Contains("Products:payments:WebhookSecret", error.Message);
        Assert.DoesNotContain("c2hvcnQ", error.Message);
    }

    [Fact]
    public async Task Refusals_are_logged_with_the_reason_but_never_the_body_or_signature()
    {
        var request = Signed(Body, WebhookSecret.Generate(), "msg_1", Now);
        await AcceptAsync(request, Body);

        var log = string.Join("\n", _app.Logs.GetSnapshot().Select(r => r.Message));
        Assert.Contains("signature-mismatch", log);
        Assert.DoesNotContain("r-1", log);
        Assert.DoesNotContain(request.Headers[WebhookHeaders.Signature].ToString()[3..], log);
    }

    private Task<WebhookVerification> AcceptAsync(HttpRequest request, byte[] body) => Verifier.VerifyAsync(request, body, default);

    private static HttpRequest Signed(byte[] body, string secret, string webhookId, DateTimeOffset timestamp, string product = Product)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.ContentType = "application/json";
        request.Body = new MemoryStream(body);
        new WebhookSigner(secret).Sign(request, product, webhookId, timestamp, body);
        return request;
    }

    private static void AssertUnauthorized(WebhookVerification verification, string detailContains)
    {
        Assert.False(verification.IsAuthenticated);
        var problem = Assert.IsType<ProblemDetails>(verification.Problem.Value);
        Assert.Equal(401, verification.Problem.StatusCode);
        Assert.Equal(ProblemKind.WebhookUnauthorized.Type, problem.Type);
        Assert.Contains(detailContains, problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("r-1", problem.Detail);
    }

    private async Task<List<(string, string)>> ReplayRowsAsync()
    {
        var table = await _app.Storage.TableAsync(StorageNames.Tables.WebhookReplays);
        var rows = new List<(string, string)>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
            rows.Add((entity.PartitionKey, entity.RowKey));
        return rows;
    }
}
