namespace PrivacyFunctions.Platform.Events;

public enum IntegrationEventTransport
{
    /// <summary>Local default: append to the IntegrationEvents table — inspectable, never silently dropped.</summary>
    Table,
    /// <summary>Production: the Service Bus topic (duplicate detection on, per-product subscriptions).</summary>
    ServiceBus,
}

/// <summary>Section <c>IntegrationEvents</c>; the Service Bus connection is section <c>ServiceBus</c>.</summary>
public sealed class IntegrationEventOptions
{
    public const string Section = "IntegrationEvents";

    public IntegrationEventTransport Transport { get; set; } = IntegrationEventTransport.Table;
    public string TopicName { get; set; } = "integration-events";
    public string Source { get; set; } = "/privacy-functions";

    /// <summary><c>ServiceBus:fullyQualifiedNamespace</c>, e.g. <c>sb-privacy.servicebus.windows.net</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }
    /// <summary><c>ServiceBus:clientId</c>: the user-assigned managed identity's client id.</summary>
    public string? ClientId { get; set; }
    /// <summary><c>ServiceBus:connectionString</c>: for a developer's own namespace only; production uses the identity.</summary>
    public string? ConnectionString { get; set; }
}
