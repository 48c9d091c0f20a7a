using System.Security.Cryptography;
using System.Text;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// A request id is <c>{customerId}:{hash}</c>: the customer id locates the row (its partition) and the hash of the
/// natural key <c>(productId, externalId)</c> makes the id deterministic, so a repeated intake finds the same id.
/// ':' cannot occur in a customer id, so the split is unambiguous.
/// </summary>
public static class RequestIds
{
    /// <summary>A customer id (64) + ':' + 20 hash characters.</summary>
    public const int MaxLength = 85;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string For(string customerId, string productId, string externalId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(productId + "\n" + externalId));
        var text = new StringBuilder(customerId.Length + 21).Append(customerId).Append(':');
        // 20 base32 characters = 100 bits of the hash.
        for (var i = 0; i < 20; i++)
        {
            var bit = i * 5;
            var value = ((hash[bit / 8] << 8 | hash[bit / 8 + 1]) >> (11 - bit % 8)) & 31;
            text.Append(Alphabet[value]);
        }
        return text.ToString();
    }

    /// <summary>The customer id of a well-formed request id, or null.</summary>
    public static string? CustomerOf(string? requestId)
    {
        if (requestId is null || requestId.Length > MaxLength) return null;
        var colon = requestId.IndexOf(':');
        if (colon <= 0 || requestId.Length - colon - 1 != 20) return null;
        var customerId = requestId[..colon];
        var hash = requestId[(colon + 1)..];
        return Platform.Http.JsonFields.IdPattern().IsMatch(customerId) && hash.All(c => Alphabet.Contains(c)) ? customerId : null;
    }
}
