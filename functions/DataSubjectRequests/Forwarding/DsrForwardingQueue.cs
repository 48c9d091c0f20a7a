using System.Text.Json;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// One message of the <c>dsr-forwarding</c> queue: the request to refer and forward, and when its intake queued it
/// (<see cref="QueuedAt"/>; null for a bare request id, as written by versions before it).
/// </summary>
public sealed record ForwardingMessage(string RequestId, DateTimeOffset? QueuedAt);

/// <summary>
/// The <c>dsr-forwarding</c> queue. The intake queues a request's message <b>before</b> it stores the request
/// (docs/dsr.md, "Crash safety"): once a request exists, a message that forwards it exists too.
/// </summary>
public sealed class DsrForwardingQueue(StorageAccount storage)
{
    public const string Name = StorageNames.Queues.DsrForwarding;
    public const string PoisonName = StorageNames.Queues.DsrForwardingPoison;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The message, or null when the text names no request (empty, garbled, foreign).</summary>
    public static ForwardingMessage? Parse(string? message)
    {
        var text = message?.Trim() ?? "";
        if (RequestIds.CustomerOf(text) is not null) return new ForwardingMessage(text, null);
        if (!text.StartsWith('{')) return null;
        try
        {
            return JsonSerializer.Deserialize<ForwardingMessage>(text, Json) is { } parsed && RequestIds.CustomerOf(parsed.RequestId) is not null
                ? parsed
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a queue message names: a request id, or — for anything else — <c>malformed-{hash}</c> (a digest, never the
    /// text itself, which could carry anything), so each distinct bad message is alerted and recorded once.
    /// </summary>
    public static (string Id, bool IsRequest) Describe(string? message)
    {
        if (Parse(message) is { } parsed) return (parsed.RequestId, true);
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message ?? "")))[..16];
        return ($"malformed-{digest}", false);
    }

    /// <param name="queuedAt">When the request's intake first queued it (kept when a message is queued again).</param>
    /// <param name="delay">How long the message stays invisible (none: at once).</param>
    public async Task EnqueueAsync(string requestId, DateTimeOffset queuedAt, CancellationToken ct, TimeSpan? delay = null)
    {
        var queue = await storage.QueueAsync(Name, ct);
        // Durable: the message is what forwards a stored request, so it must outlive any outage of the host.
        await queue.SendDurableAsync(JsonSerializer.Serialize(new ForwardingMessage(requestId, queuedAt), Json), delay, ct);
    }
}
