using Microsoft.Azure.Functions.Worker;

namespace PrivacyFunctions.Platform.Housekeeping;

/// <summary>The daily housekeeping timer (<c>Housekeeping:SweepSchedule</c>).</summary>
public sealed class HousekeepingFunctions(HousekeepingSweep sweep)
{
    [Function("Housekeeping")]
    public Task Run([TimerTrigger("%Housekeeping:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
