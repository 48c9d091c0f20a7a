using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Platform.Housekeeping;

/// <summary>
/// What the <c>Housekeeping</c> timer runs: the one due sweep over family <c>housekeeping</c>, again while a full batch
/// left the hint due (at most <c>Housekeeping:MaxBatchesPerRun</c> batches). When the family has no hint at all — the
/// first run after deployment, or someone deleted it — the standing hint <c>housekeeping.sweep</c>/<c>daily</c> is
/// scheduled now (an upsert under a fixed item key: two timers doing it at once write one obligation).
/// </summary>
public sealed partial class HousekeepingSweep(
    DueSweep sweep, DueIndex due, IOptions<HousekeepingOptions> options, TimeProvider clock, ILogger<HousekeepingSweep> logger)
{
    /// <returns>How many batches ran.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var batches = 0;
        var scheduled = false;
        while (batches < options.Value.MaxBatchesPerRun)
        {
            var report = await sweep.RunAsync(HousekeepingDueKinds.Family, cancellationToken, max: 1);
            if (report.Read > 0)
            {
                batches++;
                continue; // a full batch left the hint due now; otherwise it moved to tomorrow and the next read is empty
            }
            if (batches > 0 || scheduled || await due.FindAsync(HousekeepingDueKinds.Sweep, HousekeepingDueKinds.DailyItem, cancellationToken) is not null)
                break;
            await due.ScheduleAsync(new DueItem(HousekeepingDueKinds.Sweep, HousekeepingDueKinds.DailyItem, clock.GetUtcNow()), cancellationToken);
            scheduled = true;
            LogScheduled(logger);
        }
        return batches;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping: the daily hint was missing and is scheduled now")]
    private static partial void LogScheduled(ILogger logger);
}
