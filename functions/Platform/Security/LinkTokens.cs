using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Security;

/// <summary>
/// Signed, purpose-bound, expiring link tokens (docs/security.md). A token is
/// <c>base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload)))</c> where the payload is the
/// JSON <c>{"v":1,"p":purpose,"s":subject,"i":item,"e":expiry unix seconds}</c>. New tokens are signed with
/// <c>Links:SigningKey</c>; tokens signed with a key in <c>Links:PreviousSigningKeys</c> still verify.
/// Tokens are not encrypted: the subject and item ids are readable, so they must be ids, never personal data.
/// </summary>
public sealed partial class LinkTokens
{
    public const string QueryParameter = "token";
    private const int MaxTokenLength = 2048;
    private const int MaxIdLength = 200;

    private readonly byte[] _signingKey;
    private readonly byte[][] _verificationKeys;
    private readonly Uri _baseUrl;
    private readonly TimeProvider _clock;

    public LinkTokens(IOptions<LinkOptions> options, TimeProvider clock)
    {
        var value = options.Value;
        LinkOptionsValidation.TryDecodeKey(value.SigningKey, out _signingKey);
        _verificationKeys = LinkOptionsValidation.SplitKeys(value.PreviousSigningKeys)
            .Select(k => LinkOptionsValidation.TryDecodeKey(k, out var key) ? key : [])
            .Prepend(_signingKey).ToArray();
        _baseUrl = new Uri(value.BaseUrl!.TrimEnd('/') + "/");
        _clock = clock;
    }

    /// <summary>
    /// A token letting <paramref name="subject"/> act on <paramref name="item"/> for <paramref name="purpose"/>
    /// until <paramref name="expiresAt"/> (kept to the whole second, rounded down).
    /// </summary>
    public string Issue(string purpose, string subject, string item, DateTimeOffset expiresAt)
    {
        if (!PurposePattern().IsMatch(purpose)) throw new ArgumentException("A purpose is lowercase letters, digits, '.' or '-'.", nameof(purpose));
        EnsureId(subject, nameof(subject));
        EnsureId(item, nameof(item));
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenPayload(1, purpose, subject, item, expiresAt.ToUnixTimeSeconds()));
        var encoded = Base64Url.EncodeToString(payload);
        return encoded + "." + Base64Url.EncodeToString(Mac(_signingKey, encoded));
    }

    /// <summary>The full link: <c>{Links:BaseUrl}/{route}?token={token}</c>.</summary>
    public Uri LinkUrl(string route, string token)
    {
        var path = route.TrimStart('/');
        if (path.Contains('?') || path.Contains('#') || path.Contains('\\'))
            throw new ArgumentException("The route is a relative path without query or fragment.", nameof(route));
        var url = new Uri(_baseUrl, path + "?" + QueryParameter + "=" + Uri.EscapeDataString(token));
        if (!_baseUrl.IsBaseOf(url) || url.Scheme != _baseUrl.Scheme || url.Authority != _baseUrl.Authority)
            throw new ArgumentException("The route must stay under Links:BaseUrl.", nameof(route));
        return url;
    }

    public LinkValidation Validate(string? token, string expectedPurpose, string expectedItem)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !TokenPattern().IsMatch(token))
            return new LinkValidation.Invalid();
        var dot = token.IndexOf('.');
        var encodedPayload = token[..dot];
        var givenMac = Encoding.ASCII.GetBytes(token[(dot + 1)..]);

        // Comparing the canonical encoding (not decoded bytes) leaves no second spelling of a valid token.
        var genuine = false;
        foreach (var key in _verificationKeys)
            genuine |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Mac(key, encodedPayload))), givenMac);
        if (!genuine) return new LinkValidation.Invalid();
        var payloadBytes = Base64Url.DecodeFromChars(encodedPayload);

        TokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<TokenPayload>(payloadBytes);
        }
        catch (JsonException)
        {
            return new LinkValidation.Invalid();
        }
        if (payload is not { V: 1, P: not null, S: not null, I: not null } ||
            !string.Equals(payload.P, expectedPurpose, StringComparison.Ordinal) ||
            !string.Equals(payload.I, expectedItem, StringComparison.Ordinal))
            return new LinkValidation.Invalid();

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.E);
        return _clock.GetUtcNow() >= expiresAt
            ? new LinkValidation.Expired(expiresAt)
            : new LinkValidation.Valid(payload.S, payload.I, expiresAt);
    }

    private static byte[] Mac(byte[] key, string encodedPayload) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(encodedPayload));

    private static void EnsureId(string value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxIdLength || value.Any(char.IsControl))
            throw new ArgumentException($"The {name} must be 1–{MaxIdLength} characters without control characters.", name);
    }

    private sealed record TokenPayload(
        [property: System.Text.Json.Serialization.JsonPropertyName("v")] int V,
        [property: System.Text.Json.Serialization.JsonPropertyName("p")] string P,
        [property: System.Text.Json.Serialization.JsonPropertyName("s")] string S,
        [property: System.Text.Json.Serialization.JsonPropertyName("i")] string I,
        [property: System.Text.Json.Serialization.JsonPropertyName("e")] long E);

    // 32-byte MAC = 43 base64url characters, unpadded.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{43}\z")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\A[a-z][a-z0-9.-]{0,63}\z")]
    private static partial Regex PurposePattern();
}
