using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacyFunctions.Platform.Email.Acs;

/// <summary>
/// Communication Services access-key authentication (HMAC-SHA256): the string to sign is
/// <c>VERB\npathAndQuery\nx-ms-date;host;x-ms-content-sha256</c>, where the content hash is the base64 SHA-256
/// of the body (of an empty body for GET), and the request carries <c>x-ms-date</c>, <c>x-ms-content-sha256</c>
/// and <c>Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=…</c>.
/// </summary>
public static class AcsHmacSigner
{
    public const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

    public static string ContentHash(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <summary>The IMF-fixdate form the service expects, e.g. <c>Wed, 13 Apr 2022 18:09:12 GMT</c>.</summary>
    public static string FormatDate(DateTimeOffset at) => at.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    public static string StringToSign(string verb, string pathAndQuery, string date, string host, string contentHash) =>
        $"{verb.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}";

    public static string Signature(byte[] accessKey, string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(accessKey, Encoding.UTF8.GetBytes(stringToSign)));

    public static string Authorization(string signature) => $"HMAC-SHA256 SignedHeaders={SignedHeaders}&Signature={signature}";

    /// <summary>Signs <paramref name="request"/> (whose body is <paramref name="body"/>) at <paramref name="now"/>.</summary>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, byte[] accessKey, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var date = FormatDate(now);
        var contentHash = ContentHash(body);
        // The host as the Host header carries it: with the port when it is not the scheme's default.
        var signature = Signature(accessKey, StringToSign(request.Method.Method, uri.PathAndQuery, date, uri.Authority, contentHash));
        request.Headers.Remove("x-ms-date");
        request.Headers.Remove("x-ms-content-sha256");
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-content-sha256", contentHash);
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(signature));
    }
}
