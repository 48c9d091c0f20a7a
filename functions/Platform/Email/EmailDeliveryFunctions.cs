using Microsoft.Azure.Functions.Worker;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// The delivery queue, its poison queue and the redrive sweep. Thin: each binds its trigger and calls the
/// handler. Queue messages are the delivery's idempotency key (Base64 on the wire, decoded by the host);
/// the queues use the default <c>AzureWebJobsStorage</c> connection.
/// </summary>
public sealed class EmailDeliveryFunctions(EmailDeliveryHandler handler, EmailDeliverySweep sweep)
{
    [Function("EmailDelivery")]
    public Task DeliverAsync([QueueTrigger(EmailNames.DeliveryQueue)] string idempotencyKey, CancellationToken cancellationToken) =>
        handler.DeliverAsync(idempotencyKey, cancellationToken);

    [Function("EmailDeliveryPoison")]
    public Task HandlePoisonAsync([QueueTrigger(EmailNames.PoisonQueue)] string idempotencyKey, CancellationToken cancellationToken) =>
        handler.HandlePoisonAsync(idempotencyKey, cancellationToken);

    [Function("EmailDeliverySweep")]
    public Task SweepAsync([TimerTrigger("%Email:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
