using System.Security.Cryptography;
using System.Text;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// Deterministic ids derived from a delivery's idempotency key. ACS wants its <c>Operation-Id</c> header as a
/// UUID (the 2025-09-01 spec declares <c>format: uuid</c>), so a key that is not already a GUID is mapped to a
/// name-based UUID (RFC 9562 version 5: SHA-1 of a fixed namespace and the key). The same UUID forms the SMTP
/// <c>Message-ID</c>, so both transports name a repeated send of one delivery identically.
/// </summary>
public static class DeliveryIds
{
    /// <summary>The namespace of PrivacyFunctions delivery ids (a fixed random UUID).</summary>
    public static readonly Guid Namespace = new("5b0c8a8e-6f0e-4d55-9a43-1f7b2a9c3e61");

    public static Guid OperationId(string idempotencyKey)
    {
        return Guid.TryParseExact(idempotencyKey, "D", out var guid) ? guid : NameBasedUuid(Namespace, idempotencyKey);
    }

    /// <summary>An RFC 9562 version-5 (SHA-1, name-based) UUID of <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    public static Guid NameBasedUuid(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122/9562 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The SMTP Message-ID (without angle brackets): the operation id at the sender's domain.</summary>
    public static string MessageId(string idempotencyKey, string senderAddress) =>
        $"{OperationId(idempotencyKey):D}@{senderAddress[(senderAddress.LastIndexOf('@') + 1)..]}";
}
