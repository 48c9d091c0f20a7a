using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacyFunctions.Platform.Audit;

/// <summary>
/// One link of an aggregate's audit chain. <see cref="Data"/> is a compact JSON object of ids, states and
/// counts (never personal data: no email addresses, names or free text). <see cref="Hash"/> is SHA-256 over
/// <see cref="CanonicalText"/>, which covers every other field, including the previous entry's hash.
/// </summary>
public sealed record AuditEntry(
    string AggregateType,
    string AggregateId,
    long Sequence,
    DateTimeOffset At,
    string Action,
    string Actor,
    string Data,
    string PreviousHash,
    string Hash)
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public string ComputeHash() => ComputeHash(AggregateType, AggregateId, Sequence, At, Action, Actor, Data, PreviousHash);

    internal static string ComputeHash(string aggregateType, string aggregateId, long sequence, DateTimeOffset at,
        string action, string actor, string data, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            CanonicalText(aggregateType, aggregateId, sequence, at, action, actor, data, previousHash))));

    /// <summary>
    /// <c>audit.v1\n</c> then, for each field in a fixed order, <c>{UTF-8 byte length}:{text}\n</c>: length
    /// prefixes keep the fields unambiguous whatever they contain, and nothing depends on a serializer's
    /// escaping rules, so an auditor can recompute the hash with a few lines of any language.
    /// </summary>
    internal static string CanonicalText(string aggregateType, string aggregateId, long sequence, DateTimeOffset at,
        string action, string actor, string data, string previousHash)
    {
        var text = new StringBuilder("audit.v1\n");
        foreach (var field in new[] { aggregateType, aggregateId, sequence.ToString(CultureInfo.InvariantCulture),
                     FormatInstant(at), action, actor, data, previousHash })
            text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        return text.ToString();
    }

    public static string FormatInstant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
