namespace PrivacyFunctions.Platform.Events;

/// <summary>Publishes integration events. Publishing the same event id twice is harmless (deduplicated downstream).</summary>
public interface IIntegrationEventPublisher
{
    Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default);
}
