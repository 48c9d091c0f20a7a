using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Acs;

namespace PrivacyFunctions.Tests.Platform.Email;

public sealed class AcsHmacSignerTests
{
    private static readonly byte[] Key = Convert.FromBase64String("pw==");
    private const string Date = "Wed, 13 Apr 2022 18:09:12 GMT";
    private const string Host = "contoso.communicationservices.azure.com";

    [Theory]
    [InlineData("/", "88MDmJhUR3m5QhFxb8ztShsSwlGrg7g/6XPnWf7QEO4=")]
    [InlineData("/testPath", "RoCrHjw7fb9fpHSbqvRUY2xa8RBS0YvI1cxI1x8AS38=")]
    [InlineData("/testPath?testQuery=yes", "il99+rd6V5O136roX/zVePCNle78HmvC4B7tu9zRH3I=")]
    public void Signatures_match_the_published_test_vectors(string pathAndQuery, string expected)
    {
        var stringToSign = AcsHmacSigner.StringToSign("GET", pathAndQuery, Date, Host, AcsHmacSigner.ContentHash([]));
        Assert.Equal(expected, AcsHmacSigner.Signature(Key, stringToSign));
    }

    [Fact]
    public void Signing_a_request_sets_the_three_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{Host}/testPath?testQuery=yes");
        AcsHmacSigner.Sign(request, [], Key, DateTimeOffset.Parse("2022-04-13T18:09:12Z"));

        Assert.Equal(Date, request.Headers.GetValues("x-ms-date").Single());
        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", request.Headers.GetValues("x-ms-content-sha256").Single());
        Assert.Equal("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=il99+rd6V5O136roX/zVePCNle78HmvC4B7tu9zRH3I=",
            request.Headers.GetValues("Authorization").Single());
    }
}

/// <summary>The ACS REST client against a real loopback HTTP listener (Kestrel on 127.0.0.1:0).</summary>
public sealed class AcsEmailTransportTests : IAsyncLifetime
{
    private static readonly byte[] AccessKey = Encoding.UTF8.GetBytes("a-test-access-key-of-32-bytes!!!");
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _responses = new();
    private readonly ConcurrentQueue<Recorded> _requests = new();
    /// <summary>The transport's clock in the retry tests: its waits pass when the test advances it, not in real time.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private WebApplication _server = null!;
    private Uri _endpoint = null!;

    private sealed record Recorded(string Method, string PathAndQuery, IHeaderDictionary Headers, byte[] Body, DateTimeOffset At);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _server = builder.Build();
        _server.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _requests.Enqueue(new Recorded(context.Request.Method, context.Request.Path + context.Request.QueryString,
                new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body.ToArray(), _clock.GetUtcNow()));
            if (_responses.TryDequeue(out var respond)) await respond(context);
            else context.Response.StatusCode = 500;
        });
        await _server.StartAsync();
        _endpoint = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private AcsEmailTransport Transport(IAcsAuthentication? authentication = null, int maxAttempts = 4, TimeSpan? maxRetryDelay = null,
        TimeProvider? clock = null) => new(
        new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
        authentication ?? new AcsAccessKeyAuthentication(AccessKey, TimeProvider.System),
        Options.Create(new EmailOptions
        {
            Transport = "Acs",
            SenderAddress = EmailTestSettings.Sender,
            DpoMailbox = EmailTestSettings.Dpo,
            Acs = { Endpoint = _endpoint, MaxAttempts = maxAttempts, MaxRetryDelay = maxRetryDelay ?? TimeSpan.FromSeconds(2) },
        }),
        clock ?? TimeProvider.System,
        NullLogger<AcsEmailTransport>.Instance);

    /// <summary>Moves the fake clock on in small steps until <paramref name="task"/> ends, so the transport's waits take no real time.</summary>
    private async Task AdvanceClockUntilAsync(Task task)
    {
        for (var step = 0; step < 10_000 && !task.IsCompleted; step++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(task, Task.Delay(2));
        }
        await task;
    }

    private static OutgoingEmail Email(Uri? unsubscribe = null) => new(
        new EmailRecipient(EmailTestSettings.Sender, "Processor Privacy Office"),
        new EmailRecipient("alice@customer.example", "Alice Example"),
        "Breach notification",
        "Plain text.",
        "<p>HTML.</p>",
        unsubscribe);

    private void Respond(int status, string? retryAfter = null, string? errorCode = null) => _responses.Enqueue(context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null) context.Response.Headers.RetryAfter = retryAfter;
        if (errorCode is not null) context.Response.Headers["x-ms-error-code"] = errorCode;
        return Task.CompletedTask;
    });

    private void Accept() => _responses.Enqueue(async context =>
    {
        var operationId = context.Request.Headers["Operation-Id"].ToString();
        context.Response.StatusCode = 202;
        context.Response.Headers["Operation-Location"] = $"{_endpoint}emails/operations/{operationId}?api-version=2025-09-01";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"id":"{{operationId}}","status":"Running"}""");
    });

    [Fact]
    public async Task A_202_with_Operation_Location_is_accepted_and_the_request_is_signed_and_shaped_as_the_API_wants()
    {
        Accept();

        var id = await Transport().SendAsync(Email(new Uri("https://privacy.example/unsubscribe?t=1")), "breach.notice.b1.acme", CancellationToken.None);

        var operationId = DeliveryIds.OperationId("breach.notice.b1.acme").ToString("D");
        Assert.Equal(operationId, id);
        var request = Assert.Single(_requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/emails:send?api-version=2025-09-01", request.PathAndQuery);
        Assert.Equal(operationId, request.Headers["Operation-Id"].ToString());
        Assert.StartsWith("application/json", request.Headers.ContentType.ToString());

        // The server recomputes the HMAC from what it received.
        var contentHash = AcsHmacSigner.ContentHash(request.Body);
        Assert.Equal(contentHash, request.Headers["x-ms-content-sha256"].ToString());
        var expected = AcsHmacSigner.Signature(AccessKey, AcsHmacSigner.StringToSign("POST", request.PathAndQuery,
            request.Headers["x-ms-date"].ToString(), request.Headers.Host.ToString(), contentHash));
        Assert.Equal(AcsHmacSigner.Authorization(expected), request.Headers.Authorization.ToString());

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(EmailTestSettings.Sender, root.GetProperty("senderAddress").GetString());
        var to = Assert.Single(root.GetProperty("recipients").GetProperty("to").EnumerateArray().ToList());
        Assert.Equal("alice@customer.example", to.GetProperty("address").GetString());
        Assert.Equal("Alice Example", to.GetProperty("displayName").GetString());
        Assert.Equal("Breach notification", root.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal("Plain text.", root.GetProperty("content").GetProperty("plainText").GetString());
        Assert.Equal("<p>HTML.</p>", root.GetProperty("content").GetProperty("html").GetString());
        Assert.Equal("<https://privacy.example/unsubscribe?t=1>", root.GetProperty("headers").GetProperty("List-Unsubscribe").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", root.GetProperty("headers").GetProperty("List-Unsubscribe-Post").GetString());
        Assert.True(root.GetProperty("userEngagementTrackingDisabled").GetBoolean());
    }

    [Fact]
    public async Task A_429_and_a_503_are_retried_after_their_Retry_After_with_the_same_Operation_Id()
    {
        Respond(429, retryAfter: "1");
        Respond(503, retryAfter: "1");
        Accept();

        await AdvanceClockUntilAsync(Transport(clock: _clock).SendAsync(Email(), "k-retry", CancellationToken.None));

        var requests = _requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r => Assert.Equal(DeliveryIds.OperationId("k-retry").ToString("D"), r.Headers["Operation-Id"].ToString()));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1));
        Assert.True(requests[2].At - requests[1].At >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_MaxRetryDelay_hands_the_retry_to_the_queue()
    {
        Respond(429, retryAfter: "120");

        var e = await Assert.ThrowsAsync<EmailTransportException>(() => Transport().SendAsync(Email(), "k", CancellationToken.None));

        Assert.False(e.Permanent);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task Retries_stop_after_MaxAttempts_as_a_transient_failure()
    {
        Respond(503, retryAfter: "0");
        Respond(503, retryAfter: "0");

        var e = await Assert.ThrowsAsync<EmailTransportException>(() => Transport(maxAttempts: 2).SendAsync(Email(), "k", CancellationToken.None));

        Assert.False(e.Permanent);
        Assert.Equal(2, _requests.Count);
        Assert.Equal("ACS answered 503 after 2 attempts; the queue will retry", e.Message);
    }

    [Fact]
    public async Task A_400_is_a_permanent_failure_and_is_not_retried()
    {
        Respond(400, errorCode: "InvalidRecipient");

        var e = await Assert.ThrowsAsync<EmailTransportException>(() => Transport().SendAsync(Email(), "k", CancellationToken.None));

        Assert.True(e.Permanent);
        Assert.Equal("ACS rejected the email: 400 (InvalidRecipient)", e.Message);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task A_401_is_not_permanent_because_credentials_can_be_fixed()
    {
        Respond(401);

        var e = await Assert.ThrowsAsync<EmailTransportException>(() => Transport().SendAsync(Email(), "k", CancellationToken.None));

        Assert.False(e.Permanent);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task Entra_ID_sends_a_bearer_token_for_the_communication_scope_and_reuses_it()
    {
        var credential = new Mock<TokenCredential>();
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccessToken("token-from-entra", DateTimeOffset.UtcNow.AddHours(1)));
        var transport = Transport(new AcsTokenAuthentication(credential.Object, TimeProvider.System));
        Accept();
        Accept();

        await transport.SendAsync(Email(), "k1", CancellationToken.None);
        await transport.SendAsync(Email(), "k2", CancellationToken.None);

        Assert.All(_requests, r => Assert.Equal("Bearer token-from-entra", r.Headers.Authorization.ToString()));
        Assert.All(_requests, r => Assert.False(r.Headers.ContainsKey("x-ms-content-sha256")));
        credential.Verify(c => c.GetTokenAsync(
            It.Is<TokenRequestContext>(t => t.Scopes.SequenceEqual(new[] { "https://communication.azure.com//.default" })),
            It.IsAny<CancellationToken>()), Times.Once);
    }
}
