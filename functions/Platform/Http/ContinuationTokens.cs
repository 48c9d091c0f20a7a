using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivacyFunctions.Platform.Http;

/// <summary>
/// A list's continuation token: URL-safe (base64url) and opaque to callers. It wraps the Table service's
/// continuation together with the query it belongs to (<c>scope</c>: e.g. the customer and the status filter), so a
/// token is only accepted for the query that produced it. The wrapped continuation is never trusted for access: the
/// query itself always limits what can be read (e.g. to the customer's partition).
/// </summary>
public static class ContinuationTokens
{
    public const int MaxLength = 2048;

    public static string Encode(string storeToken, string scope) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Envelope(2, scope, storeToken)));

    /// <summary>The Table continuation inside <paramref name="token"/>, or null when it is not one of ours for this scope.</summary>
    public static string? Decode(string token, string scope)
    {
        if (token.Length > MaxLength || !Base64Url.IsValid(token)) return null;
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(Base64Url.DecodeFromChars(token));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
        if (envelope is not { V: 2, Q: not null, T: not null } || envelope.Q != scope || envelope.T.Length == 0 || envelope.T.Any(char.IsControl))
            return null;
        return envelope.T;
    }

    private sealed record Envelope(
        [property: JsonPropertyName("v")] int V,
        [property: JsonPropertyName("q")] string? Q,
        [property: JsonPropertyName("t")] string? T);
}
