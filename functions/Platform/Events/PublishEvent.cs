using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.Platform.Events;

/// <summary>The effect "publish this integration event", with the event fixed when the change was decided.</summary>
public sealed record PublishEvent(IntegrationEvent Event) : IEffect
{
    public string OnceKey => Event.Id;
}

/// <summary>Publishes the event; its deterministic id makes a repeat harmless (topic duplicate detection, table RowKey).</summary>
public sealed class PublishEventHandler(IIntegrationEventPublisher publisher) : IEffectHandler<PublishEvent>
{
    public Task PerformAsync(PublishEvent effect, EffectContext context, CancellationToken cancellationToken) =>
        publisher.PublishAsync(effect.Event, cancellationToken);
}
