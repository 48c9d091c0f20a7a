using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// The notice fan-out queue, its poison queue and the capability's sweep. A poisoned page is put back on the queue
/// after <see cref="RetryAfter"/> (nothing is dropped) and the DPO office is alerted once per change and notice.
/// </summary>
public sealed partial class NoticeFunctions(NoticeFanOut fanOut, NoticeQueue queue, DpoAlerts alerts, SubProcessorSweep sweep, ILogger<NoticeFunctions> logger)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(15);

    [Function("SubProcessorNotices")]
    public Task Notices([QueueTrigger(StorageNames.Queues.SubProcessorNotices)] string message, CancellationToken ct)
    {
        if (NoticePage.Parse(message) is { } page) return fanOut.HandleAsync(page, ct);
        LogMalformed(logger);
        return Task.CompletedTask;
    }

    [Function("SubProcessorNoticesPoison")]
    public async Task Poison([QueueTrigger(StorageNames.Queues.SubProcessorNoticesPoison)] string message, CancellationToken ct)
    {
        if (NoticePage.Parse(message) is not { } page)
        {
            LogMalformed(logger);
            await alerts.RaiseAsync("subprocessor-notice-malformed", DpoAlerts.DigestOf(message ?? ""), "A sub-processor notice message could not be read",
                "A message on the subprocessor-notices queue failed repeatedly and is not a notice page; it was dropped. Check the deployment.", ct);
            return;
        }
        await alerts.RaiseAsync("subprocessor-notices-failing", $"{page.ChangeId}.{page.Notice}",
            $"Sub-processor change {page.ChangeId}: {page.Notice} fan-out is failing",
            $"Page {page.Source}/{page.Page} of the {page.Notice} of change {page.ChangeId} failed repeatedly. It is retried every {RetryAfter.TotalMinutes:0} minutes; " +
            "recipients already sent to are not sent to again. Check the email transport and storage.", ct);
        await queue.EnqueueAsync(page, RetryAfter, ct);
    }

    [Function("SubProcessorSweep")]
    public Task Sweep([TimerTrigger("%SubProcessors:SweepSchedule%")] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(ct);

    [LoggerMessage(Level = LogLevel.Error, Message = "A subprocessor-notices message is not a notice page; dropped")]
    private static partial void LogMalformed(ILogger logger);
}
