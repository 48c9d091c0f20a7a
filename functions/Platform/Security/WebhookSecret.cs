namespace PrivacyFunctions.Platform.Security;

/// <summary>
/// A Standard Webhooks signing secret: <c>whsec_</c> followed by the base64 of 24–64 random bytes
/// (the prefix is optional on input). The HMAC key is the decoded bytes, not the text.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinBytes = 24;
    public const int MaxBytes = 64;

    public static bool TryDecode(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim();
        if (value.StartsWith(Prefix, StringComparison.Ordinal)) value = value[Prefix.Length..];
        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, buffer, out var written) || written < MinBytes || written > MaxBytes)
            return false;
        key = buffer[..written];
        return true;
    }

    /// <summary>A new random secret in the <c>whsec_</c> form, for a product's configuration.</summary>
    public static string Generate() =>
        Prefix + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
