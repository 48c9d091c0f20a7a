using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform.Security;

public sealed class LinkTokensTests
{
    private static readonly string Key = NewKey();
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);

    private LinkTokens Tokens(string signingKey, string? previous = null, string baseUrl = "https://privacy.example.com") =>
        new(Options.Create(new LinkOptions { SigningKey = signingKey, PreviousSigningKeys = previous, BaseUrl = baseUrl }), _clock);

    [Fact]
    public void A_token_validates_for_its_purpose_and_item_and_names_its_subject()
    {
        var tokens = Tokens(Key);
        var token = tokens.Issue(LinkPurposes.DsrInstruction, "customer-1", "dsr-7", Start.AddDays(30));

        var result = tokens.Validate(token, LinkPurposes.DsrInstruction, "dsr-7");

        Assert.Equal(new LinkValidation.Valid("customer-1", "dsr-7", Start.AddDays(30)), result);
        Assert.Null(result.Problem);
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$", token);
    }

    [Fact]
    public void A_token_for_another_purpose_is_invalid()
    {
        var tokens = Tokens(Key);
        var token = tokens.Issue(LinkPurposes.Unsubscribe, "recipient-1", "list-1", Start.AddDays(30));
        AssertInvalid(tokens.Validate(token, LinkPurposes.SubProcessorObjection, "list-1"));
    }

    [Fact]
    public void A_token_for_one_customers_item_never_opens_another_customers_item()
    {
        var tokens = Tokens(Key);
        var mine = tokens.Issue(LinkPurposes.BreachAcknowledgement, "customer-a", "breach-1:customer-a", Start.AddDays(3));
        AssertInvalid(tokens.Validate(mine, LinkPurposes.BreachAcknowledgement, "breach-1:customer-b"));
        AssertInvalid(tokens.Validate(mine, LinkPurposes.BreachAcknowledgement, "breach-2:customer-a"));
    }

    [Fact]
    public void A_tampered_payload_is_invalid_even_with_the_original_mac()
    {
        var tokens = Tokens(Key);
        var token = tokens.Issue(LinkPurposes.DsrInstruction, "customer-1", "dsr-7", Start.AddDays(30));
        var mac = token[(token.IndexOf('.') + 1)..];
        var forgedPayload = System.Buffers.Text.Base64Url.EncodeToString(
            """{"v":1,"p":"dsr.instruction","s":"customer-1","i":"dsr-8","e":1900000000}"""u8);

        AssertInvalid(tokens.Validate(forgedPayload + "." + mac, LinkPurposes.DsrInstruction, "dsr-8"));
    }

    [Fact]
    public void A_tampered_mac_is_invalid()
    {
        var tokens = Tokens(Key);
        var token = tokens.Issue(LinkPurposes.DsrInstruction, "customer-1", "dsr-7", Start.AddDays(30));
        var flipped = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        AssertInvalid(tokens.Validate(flipped, LinkPurposes.DsrInstruction, "dsr-7"));
    }

    [Fact]
    public void A_token_signed_with_an_unknown_key_is_invalid()
    {
        var token = Tokens(NewKey()).Issue(LinkPurposes.DsrInstruction, "customer-1", "dsr-7", Start.AddDays(30));
        AssertInvalid(Tokens(Key).Validate(token, LinkPurposes.DsrInstruction, "dsr-7"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData(".")]
    [InlineData("eyJ2IjoxfQ.AAAA")]
    [InlineData("eyJ2IjoxfQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_tokens_are_invalid(string? token) =>
        AssertInvalid(Tokens(Key).Validate(token, LinkPurposes.DsrInstruction, "dsr-7"));

    [Fact]
    public void A_token_is_valid_until_one_second_before_expiry_and_expired_exactly_at_it()
    {
        var tokens = Tokens(Key);
        var expiresAt = Start.AddDays(5);
        var token = tokens.Issue(LinkPurposes.SubProcessorObjection, "customer-1", "change-3", expiresAt);

        _clock.SetUtcNow(expiresAt.AddSeconds(-1));
        Assert.IsType<LinkValidation.Valid>(tokens.Validate(token, LinkPurposes.SubProcessorObjection, "change-3"));

        _clock.SetUtcNow(expiresAt);
        var expired = Assert.IsType<LinkValidation.Expired>(tokens.Validate(token, LinkPurposes.SubProcessorObjection, "change-3"));
        Assert.Equal(expiresAt, expired.ExpiresAt);
        AssertProblem(expired.Problem, ProblemKind.LinkExpired, 410);

        _clock.Advance(TimeSpan.FromDays(365));
        Assert.IsType<LinkValidation.Expired>(tokens.Validate(token, LinkPurposes.SubProcessorObjection, "change-3"));
    }

    [Fact]
    public void An_expired_token_for_another_item_is_invalid_not_expired()
    {
        var tokens = Tokens(Key);
        var token = tokens.Issue(LinkPurposes.SubProcessorObjection, "customer-1", "change-3", Start.AddDays(5));
        _clock.Advance(TimeSpan.FromDays(6));
        AssertInvalid(tokens.Validate(token, LinkPurposes.SubProcessorObjection, "change-4"));
    }

    [Fact]
    public void After_a_rotation_old_tokens_still_verify_and_new_ones_use_the_new_key()
    {
        var oldKey = Key;
        var newKey = NewKey();
        var oldToken = Tokens(oldKey).Issue(LinkPurposes.DsrInstruction, "customer-1", "dsr-7", Start.AddDays(30));

        var rotated = Tokens(newKey, previous: $"{NewKey()}, {oldKey}");
        Assert.IsType<LinkValidation.Valid>(rotated.Validate(oldToken, LinkPurposes.DsrInstruction, "dsr-7"));

        var newToken = rotated.Issue(LinkPurposes.DsrInstruction, "customer-1", "dsr-7", Start.AddDays(30));
        Assert.IsType<LinkValidation.Valid>(Tokens(newKey).Validate(newToken, LinkPurposes.DsrInstruction, "dsr-7"));
        AssertInvalid(Tokens(oldKey).Validate(newToken, LinkPurposes.DsrInstruction, "dsr-7"));

        // Once the old key is dropped from PreviousSigningKeys, its tokens stop working.
        AssertInvalid(Tokens(newKey).Validate(oldToken, LinkPurposes.DsrInstruction, "dsr-7"));
    }

    [Theory]
    [InlineData("https://privacy.example.com", "links/dsr/dsr-7/instruction", "https://privacy.example.com/links/dsr/dsr-7/instruction?token=")]
    [InlineData("https://privacy.example.com/", "/links/unsubscribe", "https://privacy.example.com/links/unsubscribe?token=")]
    [InlineData("https://example.com/privacy", "api/links/x", "https://example.com/privacy/api/links/x?token=")]
    public void Link_urls_join_the_base_url_the_route_and_the_token(string baseUrl, string route, string expectedPrefix)
    {
        var tokens = Tokens(Key, baseUrl: baseUrl);
        var token = tokens.Issue(LinkPurposes.Unsubscribe, "r-1", "list-1", Start.AddDays(1));

        var url = tokens.LinkUrl(route, token);

        Assert.Equal(expectedPrefix + token, url.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://evil.example.com/x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("links/x?other=1")]
    public void A_route_cannot_leave_the_base_url(string route)
    {
        var tokens = Tokens(Key);
        Assert.Throws<ArgumentException>(() => tokens.LinkUrl(route, "t"));
    }

    [Theory]
    [InlineData(null, null, "https://privacy.example.com", "Links:SigningKey")]
    [InlineData("c2hvcnQ=", null, "https://privacy.example.com", "Links:SigningKey")]
    [InlineData("valid", "not base64!", "https://privacy.example.com", "Links:PreviousSigningKeys")]
    [InlineData("valid", null, null, "Links:BaseUrl")]
    [InlineData("valid", null, "/relative", "Links:BaseUrl")]
    [InlineData("valid", null, "ftp://privacy.example.com", "Links:BaseUrl")]
    public async Task Bad_settings_stop_the_app_at_start_naming_the_setting(string? key, string? previous, string? baseUrl, string setting)
    {
        await using var app = new TestApp(new()
        {
            ["Links:SigningKey"] = key == "valid" ? Key : key,
            ["Links:PreviousSigningKeys"] = previous,
            ["Links:BaseUrl"] = baseUrl,
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.Get<LinkTokens>());

        Assert.Contains(setting, error.Message);
        Assert.DoesNotContain(Key, error.Message);
    }

    [Fact]
    public async Task The_composition_root_provides_link_tokens_from_configuration()
    {
        await using var app = new TestApp(new() { ["Links:SigningKey"] = Key, ["Links:BaseUrl"] = "https://privacy.example.com" });
        var tokens = app.Get<LinkTokens>();
        var token = tokens.Issue(LinkPurposes.Unsubscribe, "r-1", "list-1", app.Clock.GetUtcNow().AddDays(1));
        Assert.IsType<LinkValidation.Valid>(Tokens(Key).Validate(token, LinkPurposes.Unsubscribe, "list-1"));
    }

    private static void AssertInvalid(LinkValidation result)
    {
        Assert.IsType<LinkValidation.Invalid>(result);
        AssertProblem(result.Problem, ProblemKind.LinkInvalid, 401);
    }

    private static void AssertProblem(ObjectResult? result, ProblemKind kind, int status)
    {
        Assert.NotNull(result);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(kind.Type, Assert.IsType<ProblemDetails>(result.Value).Type);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
