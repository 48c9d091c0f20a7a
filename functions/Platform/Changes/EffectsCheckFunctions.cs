using Microsoft.Azure.Functions.Worker;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>The effects-check queue and its poison queue (<see cref="EffectsChecks"/>).</summary>
public sealed class EffectsCheckFunctions(EffectsChecks checks)
{
    [Function("EffectsCheck")]
    public Task Check([QueueTrigger(EffectsCheckQueue.Name)] string? message, CancellationToken ct) => checks.CheckAsync(message, ct);

    [Function("EffectsCheckPoison")]
    public Task Poison([QueueTrigger(EffectsCheckQueue.PoisonName)] string? message, CancellationToken ct) => checks.HandOverAsync(message, ct);
}
