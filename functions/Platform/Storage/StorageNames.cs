namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// The registry of every table and queue the app uses (logical names; <see cref="StorageAccount"/> applies the
/// <c>Storage:NamePrefix</c>, which must stay empty where the host runs because queue triggers name their queues
/// with these constants). <c>StorageLayoutTests</c> (infra) checks the Bicep template's lists against
/// <see cref="Tables.All"/> and <see cref="Queues.All"/>; <c>StorageNamesTests</c> checks that <c>All</c> holds every
/// constant, that every queue trigger uses a registered queue and that docs/architecture.md names each one.
/// </summary>
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
        public const string DataSubjectRequests = "DataSubjectRequests";

        /// <summary>The public register (partition <c>register</c>), the announced changes and their fan-out markers.</summary>
        public const string SubProcessors = "SubProcessors";
        public const string SubProcessorObjections = "SubProcessorObjections";
        public const string SubProcessorSubscribers = "SubProcessorSubscribers";

        /// <summary>Breaches (PK breach id) and each breach's notified customers (PK <c>{breachId}~customers</c>).</summary>
        public const string Breaches = "Breaches";

        /// <summary>End-of-contract dispositions (PK disposition id) and legal holds (PK hold id).</summary>
        public const string Retention = "Retention";

        public static readonly IReadOnlyList<string> All =
            [Customers, DueIndex, AuditTrail, EmailDeliveries, IntegrationEvents, WebhookReplays, DataSubjectRequests,
             SubProcessors, SubProcessorObjections, SubProcessorSubscribers, Breaches, Retention];
    }

    public static class Queues
    {
        public const string EmailDeliveries = "email-deliveries";
        public const string EmailDeliveriesPoison = "email-deliveries-poison";
        public const string DsrForwarding = "dsr-forwarding";
        public const string DsrForwardingPoison = "dsr-forwarding-poison";
        public const string SubProcessorNotices = "subprocessor-notices";
        public const string SubProcessorNoticesPoison = "subprocessor-notices-poison";
        public const string BreachNotices = "breach-notices";
        public const string BreachNoticesPoison = "breach-notices-poison";
        public const string EffectsChecks = "effects-checks";
        public const string EffectsChecksPoison = "effects-checks-poison";

        public static readonly IReadOnlyList<string> All =
            [EmailDeliveries, EmailDeliveriesPoison, DsrForwarding, DsrForwardingPoison, SubProcessorNotices, SubProcessorNoticesPoison,
             BreachNotices, BreachNoticesPoison, EffectsChecks, EffectsChecksPoison];
    }
}
