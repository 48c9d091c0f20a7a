using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Breaches;

/// <summary>The breach fan-out queue, its poison queue (page put back after <see cref="RetryAfter"/>, DPO alerted once) and the sweep.</summary>
public sealed partial class BreachNoticeFunctions(BreachFanOut fanOut, BreachNoticeQueue queue, DpoAlerts alerts, DueSweep sweep, ILogger<BreachNoticeFunctions> logger)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    [Function("BreachNotices")]
    public Task Notices([QueueTrigger(StorageNames.Queues.BreachNotices)] string message, CancellationToken ct)
    {
        if (BreachNoticePage.Parse(message) is { } page) return fanOut.HandleAsync(page, ct);
        LogMalformed(logger);
        return Task.CompletedTask;
    }

    [Function("BreachNoticesPoison")]
    public async Task Poison([QueueTrigger(StorageNames.Queues.BreachNoticesPoison)] string message, CancellationToken ct)
    {
        if (BreachNoticePage.Parse(message) is not { } page)
        {
            LogMalformed(logger);
            await alerts.RaiseAsync("breach-notice-malformed", DpoAlerts.DigestOf(message ?? ""), "A breach notice message could not be read",
                "A message on the breach-notices queue failed repeatedly and is not a notice page; it was dropped. Check the deployment.", ct);
            return;
        }
        await alerts.RaiseAsync("breach-notices-failing", $"{page.BreachId}.{page.Tag}", $"Breach {page.BreachId}: {page.Tag} notices are failing",
            $"Page {page.Page} of the {page.Tag} notice of breach {page.BreachId} failed repeatedly. It is retried every {RetryAfter.TotalMinutes:0} minutes; " +
            "customers already notified are not notified twice. Check the email transport and storage — the customers' 72 hours are running.", ct);
        await queue.EnqueueAsync(page, RetryAfter, ct);
    }

    [Function("BreachSweep")]
    public Task Sweep([TimerTrigger("%Breach:SweepSchedule%")] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(BreachDueKinds.Family, ct);

    [LoggerMessage(Level = LogLevel.Error, Message = "A breach-notices message is not a notice page; dropped")]
    private static partial void LogMalformed(ILogger logger);
}
