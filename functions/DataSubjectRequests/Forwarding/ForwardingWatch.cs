using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// Watches the forwarding queue itself: a message waiting there longer than <c>Dsr:ForwardWithin</c> means requests
/// are stored but nobody forwards them (the forwarding function is stopped or disabled while the timers run), which
/// no request's own hint would notice — the forwarding message, not a hint, carries a request to the customer. One
/// peek per run, whatever the volume; the DPO is alerted once a day while it lasts (GDPR Art. 12(3): "without undue delay").
/// </summary>
public sealed partial class ForwardingWatch(StorageAccount storage, DpoAlerts alerts, IOptions<DsrOptions> options, TimeProvider clock, ILogger<ForwardingWatch> logger)
{
    /// <returns>How many of the (at most 32) oldest waiting messages are overdue.</returns>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var queue = await storage.QueueAsync(DsrForwardingQueue.Name, ct);
        var now = clock.GetUtcNow();
        var waiting = (await queue.PeekMessagesAsync(32, ct)).Value;
        var overdue = waiting.Where(m => m.InsertedOn is { } at && now - at > options.Value.ForwardWithin).ToArray();
        if (overdue.Length == 0) return 0;

        var oldest = overdue.Min(m => m.InsertedOn!.Value);
        LogStalled(logger, overdue.Length, oldest);
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await alerts.RaiseAsync("dsr-forwarding-stalled", day, "DSR forwarding is not running: requests are waiting to be forwarded",
            $"{overdue.Length}{(overdue.Length == 32 ? " or more" : "")} data subject request(s) have waited on the dsr-forwarding queue for longer " +
            $"than {options.Value.ForwardWithin} (the oldest since {oldest.UtcDateTime:yyyy-MM-dd HH:mm} UTC): they are stored, but not forwarded " +
            "to the customers. Check that the DsrForwarding function is enabled and running; nothing is lost — the messages forward the " +
            "requests as soon as it runs.", ct);
        return overdue.Length;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "DSR forwarding queue stalled: {Count} message(s) waiting since {Oldest}")]
    private static partial void LogStalled(ILogger logger, int count, DateTimeOffset oldest);
}
