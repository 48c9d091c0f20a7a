namespace PrivacyFunctions.Platform.Security;

/// <summary>
/// The products allowed to call the webhooks, each with its signing key, read from
/// <c>Products:{productId}:WebhookSecret</c> (a Key Vault reference in Azure). A product without a
/// <c>WebhookSecret</c> cannot send webhooks.
/// </summary>
public sealed class WebhookOptions
{
    public const string ProductsSection = "Products";
    public const string SecretKey = "WebhookSecret";

    /// <summary>Standard Webhooks' recommended tolerance, in both directions.</summary>
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromMinutes(5);

    public Dictionary<string, byte[]> ProductKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Every product id with a <c>WebhookSecret</c> setting; validation names those without a usable key.</summary>
    internal HashSet<string> ConfiguredProducts { get; } = new(StringComparer.Ordinal);
}
