using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.DataSubjectRequests;

public enum DsrChangeOutcome { Changed, Unchanged, Refused, NotFound, Conflict }

public sealed record DsrChange(DsrChangeOutcome Outcome, DataSubjectRequest? Request, string? Error = null);

/// <summary>
/// Applies one lifecycle command to a stored request: finish any earlier pending effects, decide with
/// <see cref="DsrLifecycle"/>, write the new state with its pending effects (ETag-conditional; retried on a
/// lost race), then perform the effects. Hints are written before the state they protect: the effects hint
/// (so a crash after the write is finished by the sweep) and, when the request ends, the subject-data
/// erasure date.
/// </summary>
public sealed class DsrChanges(DsrStore store, DsrEffects effects, DueIndex due, IOptions<DsrOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan EffectsGrace = TimeSpan.FromMinutes(5);
    private const int MaxAttempts = 5;

    public async Task<DsrChange> ApplyAsync(string requestId, DsrCommand command, string actor, string note,
        Func<DataSubjectRequest, DataSubjectRequest>? amend, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.FindAsync(requestId, ct);
            if (stored is null) return new DsrChange(DsrChangeOutcome.NotFound, null);
            stored = await effects.FlushAsync(stored, ct);
            if (stored.Request.PendingEffects.Count > 0) continue; // another writer's effects are not done yet: never overwrite them

            var transition = stored.Request.Lifecycle.Apply(command);
            if (transition.IsRefused) return new DsrChange(DsrChangeOutcome.Refused, stored.Request, transition.Error);
            if (transition.Outcome == DsrTransitionOutcome.Unchanged) return new DsrChange(DsrChangeOutcome.Unchanged, stored.Request);

            var now = clock.GetUtcNow();
            var next = stored.Request.With(transition.State, now, note) with
            {
                PendingEffects = EffectsOf(command, transition),
                PendingActor = actor,
            };
            if (amend is not null) next = amend(next);

            await due.ScheduleAsync(new DueItem(Due.DsrDueKinds.Effects, requestId, now + EffectsGrace), ct);
            if (stored.Request.Lifecycle.IsOpen && !transition.State.IsOpen)
                await due.ScheduleAsync(new DueItem(Due.DsrDueKinds.EraseSubject, requestId, now + options.Value.SubjectDataRetention), ct);

            var written = await store.TryReplaceAsync(next, stored.ETag, ct);
            if (written is null) continue;
            written = await effects.FlushAsync(written, ct);
            return new DsrChange(DsrChangeOutcome.Changed, written.Request);
        }
        return new DsrChange(DsrChangeOutcome.Conflict, null, "the request is being changed concurrently; retry.");
    }

    private static string[] EffectsOf(DsrCommand command, DsrTransition transition)
    {
        var effects = transition.Events.Select(e => e == DsrEvents.Escalated && transition.State.Escalation is { } reason
            ? $"{e}:{reason.ToWire()}" : e).ToList();
        if (command is DsrCommand.Cancel) effects.Add("dsr.cancelled");
        if (command is DsrCommand.Extend extend) effects.Add($"dsr.extended:{extend.TotalMonths}");
        return [.. effects];
    }
}
