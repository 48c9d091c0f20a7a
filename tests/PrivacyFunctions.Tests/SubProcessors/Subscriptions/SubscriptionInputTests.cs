using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.SubProcessors.Subscriptions;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.SubProcessors.Subscriptions;

/// <summary>Forged, foreign and expired links, and bad bodies: the right problem, and nothing written.</summary>
public sealed class SubscriptionInputTests : IAsyncLifetime
{
    private readonly SubscriptionScenario _s = new();
    private string _confirmation = "";
    private string _unsubscribe = "";

    public async Task InitializeAsync()
    {
        _confirmation = await _s.ConfirmedAsync();
        _unsubscribe = SubscriptionScenario.TokenOf(Assert.Single(await _s.AllConfirmedAsync()).UnsubscribeUrl);
        await _s.SubscribeAsync("pending@mail.example");
        await _s.App.OutboxRowsAsync(); // the tables and queue exist: a measurement sees only what a call writes
    }

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    public static TheoryData<string> BadTokens() => ["tampered", "other-purpose", "other-item", "unknown-key", "garbage", "missing", "swapped"];

    private string? Bad(string kind, string purpose, string genuine)
    {
        var links = _s.App.Get<LinkTokens>();
        var shortId = SubscriptionScenario.ShortId(SubscriptionScenario.Address);
        var expiry = _s.App.Clock.GetUtcNow().AddDays(1);
        return kind switch
        {
            "tampered" => genuine[..^1] + (genuine[^1] == 'A' ? 'B' : 'A'),
            "other-purpose" => links.Issue(LinkPurposes.DsrInstruction, shortId, SubscriptionLinks.Item, expiry),
            "other-item" => links.Issue(purpose, shortId, "other-list", expiry),
            "unknown-key" => new LinkTokens(Microsoft.Extensions.Options.Options.Create(new LinkOptions
            {
                SigningKey = Convert.ToBase64String(new byte[32]), BaseUrl = "https://privacy.test.example",
            }), _s.App.Clock).Issue(purpose, shortId, SubscriptionLinks.Item, expiry),
            "garbage" => "not-a-token",
            "swapped" => purpose == LinkPurposes.Unsubscribe ? _confirmation : _unsubscribe, // the other page's genuine token
            _ => null,
        };
    }

    private static void AssertProblem(IActionResult result, int status, string slug)
    {
        var response = Response.Of(result);
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.EndsWith(":" + slug, response.ProblemType, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_forged_or_foreign_link_is_a_401_on_every_page_with_nothing_written(string kind)
    {
        var confirmation = Bad(kind, LinkPurposes.SubProcessorSubscription, _confirmation);
        var unsubscribe = Bad(kind, LinkPurposes.Unsubscribe, _unsubscribe);
        using var measurement = _s.App.Requests.Measure();

        AssertProblem((await _s.ConfirmPageAsync(confirmation)).Result, 401, "link-invalid");
        AssertProblem(await _s.PostConfirmAsync(confirmation), 401, "link-invalid");
        AssertProblem((await _s.UnsubscribePageAsync(unsubscribe)).Result, 401, "link-invalid");
        AssertProblem(await _s.PostUnsubscribeAsync(unsubscribe), 401, "link-invalid");

        Assert.Empty(measurement.Writes);
        Assert.Single(await _s.AllConfirmedAsync());
    }

    [Fact]
    public async Task An_expired_link_is_a_410_with_nothing_written()
    {
        var links = _s.App.Get<LinkTokens>();
        var shortId = SubscriptionScenario.ShortId(SubscriptionScenario.Address);
        var past = _s.App.Clock.GetUtcNow().AddSeconds(-1);
        var confirmation = links.Issue(LinkPurposes.SubProcessorSubscription, shortId, SubscriptionLinks.Item, past);
        var unsubscribe = links.Issue(LinkPurposes.Unsubscribe, shortId, SubscriptionLinks.Item, past);
        using var measurement = _s.App.Requests.Measure();

        AssertProblem((await _s.ConfirmPageAsync(confirmation)).Result, 410, "link-expired");
        AssertProblem(await _s.PostConfirmAsync(confirmation), 410, "link-expired");
        AssertProblem((await _s.UnsubscribePageAsync(unsubscribe)).Result, 410, "link-expired");
        AssertProblem(await _s.PostUnsubscribeAsync(unsubscribe), 410, "link-expired");

        Assert.Empty(measurement.Writes);
        Assert.Single(await _s.AllConfirmedAsync());
    }

    [Fact]
    public async Task A_genuine_link_for_an_unknown_subscriber_is_a_404()
    {
        var links = _s.App.Get<LinkTokens>();
        var token = links.Issue(LinkPurposes.Unsubscribe, "0123456789abcdef", SubscriptionLinks.Item, _s.App.Clock.GetUtcNow().AddDays(1));
        using var measurement = _s.App.Requests.Measure();

        AssertProblem(await _s.PostUnsubscribeAsync(token), 404, "not-found");
        Assert.Empty(measurement.Writes);
    }

    public static TheoryData<string, string, int, string?> BadSubscribeBodies() => new()
    {
        { "{}", "application/json", 422, "email" },
        { """{"email":"not-an-address"}""", "application/json", 422, "email" },
        { """{"email":5}""", "application/json", 422, "email" },
        { """{"email":"a@mail.example\n"}""", "application/json", 422, "email" },
        { """{"email":"a@mail.example","language":"es"}""", "application/json", 422, "language" },
        { """{"email":"a@mail.example","language":"EN"}""", "application/json", 422, "language" },
        { """{"email":"a@mail.example","name":"Ana"}""", "application/json", 422, "name" },
        { "not json", "application/json", 400, null },
        { "[]", "application/json", 400, null },
        { """{"email":"a@mail.example"}""", "text/plain", 415, null },
    };

    [Theory]
    [MemberData(nameof(BadSubscribeBodies))]
    public async Task A_bad_subscribe_body_is_a_problem_naming_the_field_and_writes_nothing(string body, string contentType, int status, string? field)
    {
        using var measurement = _s.App.Requests.Measure();

        var response = await _s.SubscribeRawAsync(body, contentType);

        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        if (field is not null) Assert.Contains(field, response.ErrorFields);
        Assert.Empty(measurement.Writes);
        Assert.Empty(await _s.ConfirmationEmailsAsync("a@mail.example"));
    }

    [Theory]
    [InlineData("List-Unsubscribe=Two-Clicks", "List-Unsubscribe")]
    [InlineData("List-Unsubscribe=One-Click&List-Unsubscribe=One-Click", "List-Unsubscribe")]
    [InlineData("List-Unsubscribe=One-Click&confirm=yes", "confirm")]
    public async Task A_bad_unsubscribe_form_is_a_422_naming_the_field_and_writes_nothing(string body, string field)
    {
        using var measurement = _s.App.Requests.Measure();

        var response = Response.Of(await _s.PostUnsubscribeAsync(_unsubscribe, body));

        Assert.Equal(422, response.Status);
        Assert.Contains(field, response.ErrorFields);
        Assert.Empty(measurement.Writes);
        Assert.Single(await _s.AllConfirmedAsync());
    }

    [Fact]
    public async Task A_bad_confirm_body_is_a_problem_and_writes_nothing()
    {
        var token = await _s.ConfirmationTokenAsync("pending@mail.example");
        using var measurement = _s.App.Requests.Measure();

        var form = Response.Of(await _s.PostConfirmAsync(token, "subscribe=everyone"));
        var json = Response.Of(await _s.PostConfirmAsync(token, """{"status":"confirmed"}""", "application/json"));
        var malformed = Response.Of(await _s.PostConfirmAsync(token, "{", "application/json"));

        Assert.Equal(422, form.Status);
        Assert.Contains("subscribe", form.ErrorFields);
        Assert.Equal(422, json.Status);
        Assert.Contains("status", json.ErrorFields);
        Assert.Equal(400, malformed.Status);
        Assert.Empty(measurement.Writes);
        Assert.Equal(SubscriberStatus.Pending, (await _s.SubscriberAsync("pending@mail.example"))!.Status);
    }
}
