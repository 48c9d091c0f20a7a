using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>
/// The one way to change an aggregate (docs/architecture.md, "The capability kit"):
/// <list type="number">
/// <item>read it (one point read) and finish any effects a crash left pending — never decide on top of them;</item>
/// <item>decide: the capability's decider turns state + command into a <see cref="Decision{TState}"/>;</item>
/// <item>write the hints the decision needs first (and, if it has effects, its effects check: a queue message that
/// shows a few minutes later and finishes them if this process died), then the new state, its audit entries, its
/// pending effects and any claim rows in <b>one entity-group transaction</b>, conditional on the ETag read in step 1 (a lost race decides
/// again on the fresh state);</item>
/// <item>perform the effects through their registered handlers, each idempotent on its once-key, then clear them —
/// unless all are replayable (events): those stay until the next change replaces them.</item>
/// </list>
/// A crash anywhere leaves either nothing or a stored change whose effects the next touch or its effects check performs.
/// </summary>
public sealed partial class AggregateChanges(
    StorageAccount storage, EffectRegistry effects, DueIndex due, EffectsCheckQueue checks, TimeProvider clock, ILogger<AggregateChanges> logger)
{
    private const int MaxAttempts = 5;

    public async Task<Stored<TState>?> FindAsync<TState>(AggregateKind<TState> kind, string aggregateId, CancellationToken ct)
    {
        var (partition, row) = kind.KeyOf(aggregateId);
        var table = await storage.TableAsync(kind.Table, ct);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct);
        return entity.HasValue ? AggregateRows.FromEntity(kind, aggregateId, entity.Value!) : null;
    }

    /// <summary>
    /// How long after a change its replayable effects (events) are performed again by the next change before its
    /// transaction replaces them. Well inside the topic's 7-day duplicate detection, so a repeat never reaches a
    /// subscriber; far beyond the time the change's own recovery (its effects check, or the queue message that covers
    /// it) takes.
    /// </summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromDays(1);

    /// <summary>Reads the aggregate and performs the effects of its last change if they are still pending.</summary>
    public async Task<Stored<TState>?> FindFlushedAsync<TState>(AggregateKind<TState> kind, string aggregateId, CancellationToken ct) =>
        await FindAsync(kind, aggregateId, ct) is { } stored ? await FlushAsync(kind, stored, ct) : null;

    /// <summary>
    /// Applies one command. <paramref name="decide"/> gets the current state (null when the aggregate does not exist
    /// yet: a create) and the time of the change; it must be pure — it may run again after a lost race.
    /// <paramref name="known"/> is the aggregate as the caller has just read it: the first attempt decides on it
    /// without reading again (the transaction is conditional on its ETag, so a stale one only costs a retry).
    /// </summary>
    public async Task<ChangeResult<TState>> ApplyAsync<TState>(AggregateKind<TState> kind, string aggregateId, string actor,
        Func<Stored<TState>?, DateTimeOffset, Decision<TState>> decide, CancellationToken ct, Stored<TState>? known = null)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = attempt == 0 && known is not null ? known : await FindAsync(kind, aggregateId, ct);
            if (stored is not null)
            {
                stored = await FlushAsync(kind, stored, ct);
                // Another writer's effects are not done yet: never write over them. (Replayable ones are left listed.)
                if (stored.PendingEffects.Count > 0 && !effects.AllReplayable(stored.PendingEffects)) continue;
            }

            var now = clock.GetUtcNow();
            var decision = decide(stored, now);
            switch (decision.Outcome)
            {
                case DecisionOutcome.NotFound: return new ChangeResult<TState>(ChangeOutcome.NotFound, stored);
                case DecisionOutcome.Refused: return new ChangeResult<TState>(ChangeOutcome.Refused, stored, decision.Error);
                case DecisionOutcome.Unchanged: return new ChangeResult<TState>(ChangeOutcome.Unchanged, stored);
            }
            var carried = await ReplayLeftoversAsync(kind, stored, now, ct);
            if (await TryChangeAsync(kind, aggregateId, stored, decision, actor, now, ct, carried) is { } changed)
                return changed;
            // someone else changed it (or created it) first: decide again on fresh state
        }
        return new ChangeResult<TState>(ChangeOutcome.Conflict, null, "it is being changed concurrently; retry.");
    }

    /// <summary>
    /// Creates an aggregate that is expected not to exist yet (e.g. behind a natural-key claim): the transaction is
    /// tried at once, without a read first. When it exists already, answers <see cref="ChangeOutcome.Unchanged"/>
    /// with the stored aggregate (its pending effects finished).
    /// </summary>
    public async Task<ChangeResult<TState>> CreateAsync<TState>(AggregateKind<TState> kind, string aggregateId, string actor,
        Func<DateTimeOffset, Decision<TState>> decide, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var decision = decide(now);
        if (decision.Outcome != DecisionOutcome.Changed) throw new ArgumentException("A create decides a change.", nameof(decide));
        if (await TryChangeAsync(kind, aggregateId, null, decision, actor, now, ct) is { } created)
            return created;
        var existing = await FindFlushedAsync(kind, aggregateId, ct);
        return new ChangeResult<TState>(existing is null ? ChangeOutcome.Conflict : ChangeOutcome.Unchanged, existing);
    }

    /// <summary>
    /// Replaces the state without audit or effects (e.g. a timeline note), if the aggregate is unchanged since
    /// <paramref name="stored"/> was read; null when it changed meanwhile or has pending effects.
    /// </summary>
    public async Task<Stored<TState>?> TryUpdateStateAsync<TState>(AggregateKind<TState> kind, Stored<TState> stored, TState state, CancellationToken ct)
    {
        if (stored.PendingEffects.Count > 0 && !effects.AllReplayable(stored.PendingEffects)) return null;
        var table = await storage.TableAsync(kind.Table, ct);
        // Replayable effects left by the last change stay listed with that change's time, for the next change to replace
        // (its replay window counts from that change, not from this update).
        var updatedAt = stored.PendingEffects.Count > 0 ? stored.UpdatedAt : clock.GetUtcNow();
        var entity = AggregateRows.ToEntity(kind, stored.AggregateId, state, stored.Version, updatedAt, stored.PendingEffects, stored.PendingActor,
            stored.AuditSequence, stored.AuditHash);
        return await table.TryUpdateAsync(entity, stored.ETag, TableUpdateMode.Replace, ct) is { } etag
            ? stored with { State = state, ETag = etag, UpdatedAt = updatedAt }
            : null;
    }

    /// <summary>
    /// Performs the pending effects of the aggregate's last change, in order, each through its handler (idempotent on
    /// its once-key), then clears them. Safe to run twice or concurrently; a lost race to clear means someone else
    /// changed the aggregate, whose own effects are then performed too. Replayable effects left by a change
    /// (<see cref="EffectRegistration.Replayable"/>) are performed again only as <paramref name="purpose"/> says.
    /// </summary>
    public async Task<Stored<TState>> FlushAsync<TState>(AggregateKind<TState> kind, Stored<TState> stored, CancellationToken ct,
        FlushFor purpose = FlushFor.Reading)
    {
        // An effect handler that reads its own aggregate must not perform that aggregate's effects again inside them.
        var flushing = $"{kind.AggregateType}/{stored.AggregateId}";
        if (stored.PendingEffects.Count == 0 || Flushing.Value?.Contains(flushing) == true) return stored;
        var outer = Flushing.Value;
        Flushing.Value = outer is null ? [flushing] : [.. outer, flushing];
        try
        {
            return await FlushOnceAsync(kind, stored, purpose, ct);
        }
        finally
        {
            Flushing.Value = outer;
        }
    }

    private static readonly AsyncLocal<HashSet<string>?> Flushing = new();

    private async Task<Stored<TState>> FlushOnceAsync<TState>(AggregateKind<TState> kind, Stored<TState> stored, FlushFor purpose, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3 && stored.PendingEffects.Count > 0; attempt++)
        {
            var replayable = effects.AllReplayable(stored.PendingEffects);
            // A reader leaves replayable effects listed: it replaces nothing, and the next writer or the recovery has them.
            if (replayable && purpose == FlushFor.Reading) return stored;
            await PerformAsync(kind, stored, ct);
            if (replayable)
            {
                // Nothing to clear: performing them again costs no storage, and the next change replaces them.
                LogFlushed(logger, kind.AggregateType, kind.LogId(stored.AggregateId), stored.PendingEffects.Count);
                return stored with { PendingEffects = [], PendingActor = null };
            }
            var (partition, row) = kind.KeyOf(stored.AggregateId);
            var table = await storage.TableAsync(kind.Table, ct);
            var clear = new TableEntity(partition, row) { [AggregateRows.PendingActor] = null };
            LongTextColumn.Set(clear, AggregateRows.Pending, "", merging: true);
            if (await table.TryUpdateAsync(clear, stored.ETag, TableUpdateMode.Merge, ct) is { } etag)
            {
                LogFlushed(logger, kind.AggregateType, kind.LogId(stored.AggregateId), stored.PendingEffects.Count);
                return stored with { ETag = etag, PendingEffects = [], PendingActor = null };
            }
            stored = await FindAsync(kind, stored.AggregateId, ct) ?? throw new InvalidOperationException("The aggregate disappeared while its effects were performed.");
        }
        return stored;
    }

    /// <summary>
    /// A change replaces the replayable effects the last change left (events): within <see cref="ReplayWindow"/> they
    /// are performed again first, in case that change's process died before it could (past the window, its recovery has
    /// long run). If performing them fails (the topic is unreachable), they are carried into the new change's pending
    /// effects instead — performed after it and recovered with it — so an outage of the topic never blocks a change.
    /// </summary>
    /// <returns>The effects to carry (none when they were performed or are past the window).</returns>
    private async Task<IReadOnlyList<PendingEffect>> ReplayLeftoversAsync<TState>(AggregateKind<TState> kind, Stored<TState>? stored,
        DateTimeOffset now, CancellationToken ct)
    {
        if (stored is not { PendingEffects.Count: > 0 } || now - stored.UpdatedAt >= ReplayWindow) return [];
        try
        {
            await PerformAsync(kind, stored, ct);
            return [];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCarried(logger, kind.AggregateType, kind.LogId(stored.AggregateId), stored.PendingEffects.Count, e.GetType().Name);
            return stored.PendingEffects;
        }
    }

    /// <summary>Performs the stored pending effects, in order, each through its handler (idempotent on its once-key).</summary>
    private async Task PerformAsync<TState>(AggregateKind<TState> kind, Stored<TState> stored, CancellationToken ct)
    {
        var context = new EffectContext(kind.AggregateType, stored.AggregateId, stored.PendingActor ?? AuditActors.System, stored.UpdatedAt, stored.State!);
        foreach (var pending in stored.PendingEffects)
        {
            var effect = effects.FromPending(pending);
            await effects.PerformAsync(effect, context with { OnceKey = effect.OnceKey }, ct);
        }
    }

    /// <summary>Hints first, then the one transaction, then the effects; null when another writer came first.</summary>
    private async Task<ChangeResult<TState>?> TryChangeAsync<TState>(AggregateKind<TState> kind, string aggregateId, Stored<TState>? stored,
        Decision<TState> decision, string actor, DateTimeOffset now, CancellationToken ct, IReadOnlyList<PendingEffect>? carried = null)
    {
        PendingEffect[] pending = [.. carried ?? [], .. decision.Effects.Select(effects.ToPending)];
        var (actions, written) = Compose(kind, aggregateId, stored, decision, pending, actor, now);
        if (TransactionLimits.Exceeded([.. actions.Select(a => (TableEntity)a.Entity)]) is { } exceeded)
            return new ChangeResult<TState>(ChangeOutcome.Refused, stored, TooLarge(kind, actions, exceeded)); // nothing written: a clear refusal, never the store's 400
        if (decision.Hints.Count > 0) await due.ScheduleManyAsync(decision.Hints, ct);
        if (pending.Length > 0 && decision.NeedsEffectsCheck) await checks.EnqueueAsync(kind.AggregateType, aggregateId, ct);

        if (await TryWriteAsync(kind, actions, ct) is not { } etag) return null;
        written = written with { ETag = etag };
        LogChanged(logger, kind.AggregateType, kind.LogId(aggregateId), written.Version, decision.Audit.Count, pending.Length);
        if (decision.LeavesEffectsToCover && !decision.NeedsEffectsCheck && effects.AllReplayable(pending))
            return new ChangeResult<TState>(ChangeOutcome.Changed, written);
        return new ChangeResult<TState>(ChangeOutcome.Changed, await FlushAsync(kind, written, ct, FlushFor.Recovering));
    }

    /// <summary>The refusal of a change too large to store, naming the field that makes it so (its path in the state).</summary>
    private static string TooLarge<TState>(AggregateKind<TState> kind, List<TableTransactionAction> actions, string exceeded)
    {
        var largest = actions.Select(a => (TableEntity)a.Entity).MaxBy(e => e.Select(p => p.Value).OfType<string>().Sum(v => (long)v.Length))!;
        var text = LongTextColumn.Get(largest, AggregateRows.Document) ?? largest.Select(p => p.Value).OfType<string>().MaxBy(v => v.Length);
        var field = text is null ? null : TransactionLimits.LargestMember(text);
        return $"The {kind.AggregateType} would exceed what can be stored ({exceeded})"
            + (field is null ? "; shorten its texts or lists." : $"; its largest field is '{field}': shorten it.");
    }

    /// <summary>The one transaction of a change (the aggregate's row, its audit entries, the decision's rows) and the state it stores.</summary>
    private static (List<TableTransactionAction> Actions, Stored<TState> Written) Compose<TState>(AggregateKind<TState> kind, string aggregateId,
        Stored<TState>? stored, Decision<TState> decision, PendingEffect[] pending, string actor, DateTimeOffset now)
    {
        var (partition, row) = kind.KeyOf(aggregateId);
        var sequence = stored?.AuditSequence ?? 0;
        var hash = stored?.AuditHash ?? AuditEntry.GenesisHash;
        var entries = new List<TableEntity>();
        foreach (var record in decision.Audit)
        {
            var entry = AuditTrail.NextEntry(kind.AggregateType, aggregateId, ++sequence, now, record.Action, actor, record.Data, hash);
            entries.Add(AuditChain.ToEntity(entry, partition, AggregateRows.AuditRowKey(row, entry.Sequence)));
            hash = entry.Hash;
        }
        var version = (stored?.Version ?? 0) + 1;
        var entity = AggregateRows.ToEntity(kind, aggregateId, decision.State!, version, now, pending, pending.Length > 0 ? actor : null, sequence, hash);
        List<TableTransactionAction> actions =
        [
            stored is null
                ? new(TableTransactionActionType.Add, entity)
                : new(TableTransactionActionType.UpdateReplace, entity, stored.ETag),
            .. entries.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)),
            .. decision.Rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)),
        ];
        if (actions.Count > 100) throw new InvalidOperationException("A change writes at most 100 rows (one entity-group transaction).");
        return (actions, new Stored<TState>(aggregateId, decision.State!, default, version, now, pending, pending.Length > 0 ? actor : null, sequence, hash));
    }

    /// <summary>Submits the change's transaction: the aggregate's new ETag, or null when another writer came first.</summary>
    private async Task<ETag?> TryWriteAsync<TState>(AggregateKind<TState> kind, List<TableTransactionAction> actions, CancellationToken ct)
    {
        var table = await storage.TableAsync(kind.Table, ct);
        try
        {
            var response = await table.SubmitTransactionAsync(actions, ct);
            // Every later write (the clear, the next change) is conditional on this ETag: never fall back to "*".
            return response.Value[0].Headers.ETag ?? throw new InvalidOperationException("The change's transaction returned no ETag for the aggregate's row.");
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{AggregateType} {AggregateId} changed to version {Version}: {AuditEntries} audit entries, {Effects} effects")]
    private static partial void LogChanged(ILogger logger, string aggregateType, string aggregateId, long version, int auditEntries, int effects);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{AggregateType} {AggregateId}: {Count} effect(s) of the last change could not be performed again ({ExceptionType}); carried into this change")]
    private static partial void LogCarried(ILogger logger, string aggregateType, string aggregateId, int count, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AggregateType} {AggregateId}: {Count} pending effect(s) performed")]
    private static partial void LogFlushed(ILogger logger, string aggregateType, string aggregateId, int count);
}
