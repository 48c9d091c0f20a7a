using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.Platform.Due;

/// <summary>What one sweep run of a family did.</summary>
/// <param name="Acted">Hints whose handler did something; <paramref name="Settled"/>: found nothing due any more.</param>
public sealed record DueSweepReport(int Read, int Acted, int Settled, int Failed)
{
    public int Handled => Acted + Settled;
}

/// <summary>
/// The one sweep: reads what of a family is due (only that family's partitions) and dispatches each hint by its
/// kind to the handler the capability registered. Each hint is isolated: a handler that throws does not stop the
/// others; its hint moves ahead by a doubling back-off (<see cref="DueOptions"/>), and when one hint has failed
/// <see cref="DueOptions.AlertAfterFailures"/> times the DPO office gets one alert about it. Safe to run twice or
/// concurrently: handlers are idempotent and a hint is deleted only once handled.
/// </summary>
public sealed partial class DueSweep(
    DueIndex due, IEnumerable<IDueHandler> handlers, DpoAlerts alerts, IOptions<DueOptions> options, TimeProvider clock, ILogger<DueSweep> logger)
{
    public const string FailingAlertKind = "due-work-failing";

    private readonly Dictionary<string, IDueHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    /// <summary>The kinds a family's sweep serves (its registered handlers).</summary>
    public IReadOnlyList<string> KindsOf(string family) =>
        _handlers.Keys.Where(k => DueItem.FamilyOf(k) == family).Order(StringComparer.Ordinal).ToArray();

    public async Task<DueSweepReport> RunAsync(string family, CancellationToken cancellationToken, int? max = null)
    {
        var now = clock.GetUtcNow();
        var hints = await due.ReadDueAsync(now, family, max ?? options.Value.MaxPerRun, cancellationToken);
        int acted = 0, settled = 0, failed = 0;
        foreach (var hint in hints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (await TryHandleAsync(hint, now, cancellationToken))
            {
                case true: acted++; break;
                case false: settled++; break;
                case null: failed++; break;
            }
        }
        if (hints.Count > 0) LogSwept(logger, family, hints.Count, acted, settled, failed);
        return new DueSweepReport(hints.Count, acted, settled, failed);
    }

    /// <returns>Whether the handler acted; null when it failed.</returns>
    private async Task<bool?> TryHandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            if (!_handlers.TryGetValue(hint.Kind, out var handler))
                throw new InvalidOperationException($"No handler is registered for due kind '{hint.Kind}'.");
            var outcome = await handler.HandleAsync(hint, now, cancellationToken);
            if (outcome is DueOutcome.Rescheduled again)
                await due.MoveAsync(hint, new DueItem(hint.Kind, hint.ItemKey, again.At), cancellationToken);
            else
                await due.CompleteAsync(hint, cancellationToken);
            return outcome.Acted;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only the exception type: messages can quote stored data.
            LogFailed(logger, hint.Kind, hint.ItemKey, hint.Failures + 1, e.GetType().Name);
            await BackOffAsync(hint, now, cancellationToken);
            return null;
        }
    }

    private async Task BackOffAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failures = hint.Failures + 1;
        try
        {
            await due.MoveAsync(hint, hint with { DueAt = now + options.Value.RetryAfter(failures), Failures = failures }, cancellationToken);
            // From K on (not only at K): if raising the alert failed once, the next failure raises it; its key sends it once.
            if (failures >= options.Value.AlertAfterFailures)
                await alerts.RaiseAsync(FailingAlertKind, $"{hint.Kind}.{hint.ItemKey}",
                    $"Due work keeps failing: {hint.Kind} for {hint.ItemKey}",
                    $"The scheduled obligation {hint.Kind} for {hint.ItemKey} failed {failures} times in a row. It is retried with back-off " +
                    $"(at most every {options.Value.MaxRetryAfter}); check the function logs for the cause.", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage is failing too: the hint stays where it is and the next run tries again.
            LogBackOffFailed(logger, hint.Kind, hint.ItemKey, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Due sweep {Family}: {Read} due, {Acted} acted on, {Settled} settled, {Failed} failed")]
    private static partial void LogSwept(ILogger logger, string family, int read, int acted, int settled, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Due work {Kind} for {ItemKey} failed (failure {Failures}): {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string kind, string itemKey, int failures, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Due work {Kind} for {ItemKey} could not be backed off: {ExceptionType}")]
    private static partial void LogBackOffFailed(ILogger logger, string kind, string itemKey, string exceptionType);
}
