using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>The <c>dsr-forwarding</c> queue: one message = one request id to refer and forward.</summary>
public sealed class DsrForwardingQueue(StorageAccount storage)
{
    public const string Name = "dsr-forwarding";
    public const string PoisonName = "dsr-forwarding-poison";

    public async Task EnqueueAsync(string requestId, CancellationToken ct)
    {
        var queue = await storage.QueueAsync(Name, ct);
        await queue.SendMessageAsync(requestId, ct);
    }
}
