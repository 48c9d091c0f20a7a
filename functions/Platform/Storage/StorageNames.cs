namespace PrivacyFunctions.Platform.Storage;

/// <summary>Every table and queue the app uses. Queue names are fixed because queue triggers name them.</summary>
public static class StorageNames
{
    public static class Tables
    {
        public const string Customers = "Customers";
        public const string DueIndex = "DueIndex";
        public const string AuditTrail = "AuditTrail";
        public const string EmailDeliveries = "EmailDeliveries";
        public const string IntegrationEvents = "IntegrationEvents";
        public const string WebhookReplays = "WebhookReplays";
    }

    public static class Queues
    {
        public const string EmailDeliveries = "email-deliveries";
        public const string EmailDeliveriesPoison = "email-deliveries-poison";
    }
}
