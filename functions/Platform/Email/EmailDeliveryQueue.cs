using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Email;

/// <summary>Puts a delivery message (<see cref="QueuedEmail.ToMessage"/>) on the delivery queue (a seam so tests can inject a crash).</summary>
public interface IEmailDeliveryQueue
{
    /// <param name="delay">How long the message stays invisible (a re-queued delivery waits before its next try).</param>
    Task EnqueueAsync(string message, TimeSpan? delay = null, CancellationToken cancellationToken = default);
}

/// <summary>The storage queue <c>email-deliveries</c> (Base64 on the wire, as the trigger expects).</summary>
public sealed class StorageEmailDeliveryQueue(StorageAccount storage) : IEmailDeliveryQueue
{
    public async Task EnqueueAsync(string message, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var queue = await storage.QueueAsync(EmailNames.DeliveryQueue, cancellationToken);
        await queue.SendMessageAsync(message, delay, cancellationToken: cancellationToken);
    }
}
