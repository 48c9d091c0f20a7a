namespace PrivacyFunctions.Platform.Security;

/// <summary>The Standard Webhooks headers, plus <c>webhook-product</c> naming which product signed.</summary>
public static class WebhookHeaders
{
    public const string Id = "webhook-id";
    public const string Timestamp = "webhook-timestamp";
    public const string Signature = "webhook-signature";
    public const string Product = "webhook-product";
}
