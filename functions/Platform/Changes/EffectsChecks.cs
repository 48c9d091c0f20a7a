using System.Text.Json;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>
/// How soon after a change its effects check comes (<see cref="EffectsCheckQueue"/>): long enough for the change's own
/// process to have performed its effects, short for a crash's recovery. Not an app setting (tests use zero).
/// </summary>
public sealed record EffectsCheckTiming(TimeSpan After)
{
    public static EffectsCheckTiming Default { get; } = new(TimeSpan.FromMinutes(5));
}

/// <summary>One effects check: which aggregate to look at.</summary>
public sealed record EffectsCheck(string AggregateType, string AggregateId);

/// <summary>
/// The <c>effects-checks</c> queue. A change with effects queues its check <b>before</b> its transaction, hidden for
/// <see cref="EffectsCheckTiming.After"/>; when it shows, <see cref="EffectsChecks"/> performs whatever effects the
/// change left pending (nothing, unless its process died). A queue message is the cheapest durable timer: one write,
/// then the host's receive and delete — no sweep has to read and delete it.
/// </summary>
public sealed class EffectsCheckQueue(StorageAccount storage, EffectsCheckTiming timing)
{
    public const string Name = StorageNames.Queues.EffectsChecks;
    public const string PoisonName = StorageNames.Queues.EffectsChecksPoison;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync(string aggregateType, string aggregateId, CancellationToken ct)
    {
        var queue = await storage.QueueAsync(Name, ct);
        await queue.SendDurableAsync(JsonSerializer.Serialize(new EffectsCheck(aggregateType, aggregateId), Json), timing.After, ct);
    }

    /// <summary>The check a message names, or null for anything else (empty, garbled, foreign).</summary>
    public static EffectsCheck? Parse(string? message)
    {
        try
        {
            return JsonSerializer.Deserialize<EffectsCheck>(message ?? "", Json) is { AggregateType: { Length: > 0 }, AggregateId: { Length: > 0 } } check
                ? check
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Handles effects checks: finds the aggregate kind by its type and performs the aggregate's pending effects (its
/// <see cref="AggregateEffectsRecovery{TState}"/>). A check that fails on every attempt reaches the poison queue,
/// whose handler hands the aggregate to its family's sweep (the <c>{family}.effects</c> hint: retried with back-off,
/// the DPO alerted after repeated failures), so a pending effect is never dropped.
/// </summary>
public sealed partial class EffectsChecks(IEnumerable<IAggregateRecovery> recoveries, DueIndex due, TimeProvider clock, ILogger<EffectsChecks> logger)
{
    private readonly Dictionary<string, IAggregateRecovery> _byType = recoveries.ToDictionary(r => r.AggregateType, StringComparer.Ordinal);

    public async Task CheckAsync(string? message, CancellationToken ct)
    {
        if (Find(message) is not var (recovery, check)) return;
        if (await recovery.RecoverAsync(check.AggregateId, ct))
            LogRecovered(logger, check.AggregateType, recovery.LogId(check.AggregateId));
    }

    public async Task HandOverAsync(string? message, CancellationToken ct)
    {
        if (Find(message) is not var (recovery, check)) return;
        await due.ScheduleAsync(new DueItem(recovery.EffectsDueKind, check.AggregateId, clock.GetUtcNow()), ct);
        LogHandedOver(logger, check.AggregateType, recovery.LogId(check.AggregateId));
    }

    private (IAggregateRecovery, EffectsCheck)? Find(string? message)
    {
        if (EffectsCheckQueue.Parse(message) is { } check && _byType.TryGetValue(check.AggregateType, out var recovery) && recovery.IsValidId(check.AggregateId))
            return (recovery, check);
        LogDropped(logger);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{AggregateType} {AggregateId}: a crash had left effects pending; performed by its effects check")]
    private static partial void LogRecovered(ILogger logger, string aggregateType, string aggregateId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{AggregateType} {AggregateId}: its effects check failed on every attempt; handed to the sweep")]
    private static partial void LogHandedOver(ILogger logger, string aggregateType, string aggregateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An effects check that names no known aggregate was dropped")]
    private static partial void LogDropped(ILogger logger);
}
