using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PrivacyFunctions.Platform.Security;

/// <summary>
/// Signs a webhook body the way a product must (Standard Webhooks v1): the signature is
/// <c>v1,base64(HMAC-SHA256(secret bytes, "{id}.{timestamp}.{body}"))</c>. Used by tests, by local runs
/// and as the reference for product teams.
/// </summary>
public sealed class WebhookSigner
{
    private readonly byte[] _key;

    public WebhookSigner(string secret)
    {
        if (!WebhookSecret.TryDecode(secret, out _key))
            throw new ArgumentException("The secret must be 'whsec_' followed by base64 of 24–64 bytes.", nameof(secret));
    }

    /// <summary>The four headers to send with <paramref name="body"/> (the exact bytes that go on the wire).</summary>
    public IReadOnlyDictionary<string, string> Headers(string productId, string webhookId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [WebhookHeaders.Product] = productId,
            [WebhookHeaders.Id] = webhookId,
            [WebhookHeaders.Timestamp] = seconds,
            [WebhookHeaders.Signature] = "v1," + Convert.ToBase64String(Compute(_key, webhookId, seconds, body)),
        };
    }

    /// <summary>Sets the headers on a request (tests drive function classes with a <see cref="DefaultHttpContext"/>).</summary>
    public void Sign(HttpRequest request, string productId, string webhookId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        foreach (var (name, value) in Headers(productId, webhookId, timestamp, body))
            request.Headers[name] = value;
    }

    internal static byte[] Compute(byte[] key, string webhookId, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
