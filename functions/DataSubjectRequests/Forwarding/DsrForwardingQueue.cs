using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>The <c>dsr-forwarding</c> queue: one message = one request id to refer and forward.</summary>
public sealed class DsrForwardingQueue(StorageAccount storage)
{
    public const string Name = StorageNames.Queues.DsrForwarding;
    public const string PoisonName = StorageNames.Queues.DsrForwardingPoison;

    /// <summary>
    /// What a queue message names: a request id, or — for anything else — <c>malformed-{hash}</c> (a digest, never the
    /// text itself, which could carry anything), so each distinct bad message is alerted and recorded once.
    /// </summary>
    public static (string Id, bool IsRequest) Describe(string? message)
    {
        var text = message?.Trim() ?? "";
        if (RequestIds.CustomerOf(text) is not null) return (text, true);
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message ?? "")))[..16];
        return ($"malformed-{digest}", false);
    }

    public async Task EnqueueAsync(string requestId, CancellationToken ct)
    {
        var queue = await storage.QueueAsync(Name, ct);
        await queue.SendMessageAsync(requestId, ct);
    }
}
