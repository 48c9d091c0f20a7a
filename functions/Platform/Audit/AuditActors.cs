namespace PrivacyFunctions.Platform.Audit;

/// <summary>Who caused an audited change. Actors name a role or a product, never a person.</summary>
public static class AuditActors
{
    public const string Admin = "admin";
    public const string System = "system";
    public const string CustomerLink = "customer-link";
    public const string SubscriberLink = "subscriber-link";
    public static string Product(string productId) => "product:" + productId;
}
