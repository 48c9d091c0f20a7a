using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Events;

/// <summary>
/// Sends each event to the integration-events topic as a CloudEvents JSON message. <c>MessageId</c> is the
/// event id (the topic's duplicate detection drops a retried copy); a targeted event carries the
/// <c>productId</c> application property that per-product subscriptions filter on, a broadcast carries none.
/// </summary>
public sealed class ServiceBusEventPublisher(ServiceBusSender sender, IOptions<IntegrationEventOptions> options) : IIntegrationEventPublisher
{
    public const string ProductIdProperty = "productId";

    public Task PublishAsync(IntegrationEvent e, CancellationToken cancellationToken = default) =>
        sender.SendMessageAsync(ToMessage(e, options.Value.Source), cancellationToken);

    public static ServiceBusMessage ToMessage(IntegrationEvent e, string source)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(CloudEventEnvelope.Serialize(e, source)))
        {
            MessageId = e.Id,
            ContentType = CloudEventEnvelope.ContentType,
            Subject = CloudEventEnvelope.TypePrefix + e.Type,
        };
        message.ApplicationProperties["cloudEvents:type"] = CloudEventEnvelope.TypePrefix + e.Type;
        if (e.ProductId is not null)
            message.ApplicationProperties[ProductIdProperty] = e.ProductId;
        return message;
    }
}
