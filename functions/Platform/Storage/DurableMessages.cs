using Azure.Storage.Queues;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>Queue messages that carry work nothing else would bring back (a message before its state, a recovery timer).</summary>
public static class DurableMessages
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>
    /// Sends a message that never expires (the default time-to-live is 7 days: an outage longer than that would lose
    /// it), hidden for <paramref name="delay"/> if given.
    /// </summary>
    public static Task SendDurableAsync(this QueueClient queue, string text, TimeSpan? delay, CancellationToken ct) =>
        queue.SendMessageAsync(text, delay is { } d && d > TimeSpan.Zero ? d : null, NeverExpires, ct);
}
