using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Email;

/// <summary>Puts a delivery's idempotency key on the delivery queue (a seam so tests can inject a crash).</summary>
public interface IEmailDeliveryQueue
{
    Task EnqueueAsync(string idempotencyKey, CancellationToken cancellationToken = default);
}

/// <summary>The storage queue <c>email-deliveries</c>; the message is only the key (Base64, as the trigger expects).</summary>
public sealed class StorageEmailDeliveryQueue(StorageAccount storage) : IEmailDeliveryQueue
{
    public async Task EnqueueAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var queue = await storage.QueueAsync(EmailNames.DeliveryQueue, cancellationToken);
        await queue.SendMessageAsync(idempotencyKey, cancellationToken);
    }
}
