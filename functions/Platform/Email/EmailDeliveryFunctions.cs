using Microsoft.Azure.Functions.Worker;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// The delivery queue and its poison queue. Thin: each binds its trigger and calls the handler. A message is a
/// <see cref="QueuedEmail"/> (Base64 on the wire, decoded by the host); the queues use the default
/// <c>AzureWebJobsStorage</c> connection.
/// </summary>
public sealed class EmailDeliveryFunctions(EmailDeliveryHandler handler)
{
    [Function("EmailDelivery")]
    public Task DeliverAsync([QueueTrigger(EmailNames.DeliveryQueue)] string message, CancellationToken cancellationToken) =>
        handler.DeliverAsync(message, cancellationToken);

    [Function("EmailDeliveryPoison")]
    public Task HandlePoisonAsync([QueueTrigger(EmailNames.PoisonQueue)] string message, CancellationToken cancellationToken) =>
        handler.HandlePoisonAsync(message, cancellationToken);
}
