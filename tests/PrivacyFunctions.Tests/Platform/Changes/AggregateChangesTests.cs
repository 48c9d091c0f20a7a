using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform.Changes;

/// <summary>
/// The capability kit's change runner with a small aggregate of its own (a tally that sends a "ping" per step, or a
/// replayable "chime"): one transaction per change, effects exactly once across a crash injected at each step,
/// recovery by the next touch, by the effects check and — when the check keeps failing — by the sweep.
/// </summary>
public sealed class AggregateChangesTests : IAsyncLifetime
{
    private readonly PingLog _pings = new();
    private readonly ChimeLog _chimes = new();
    private readonly TestApp _app;

    public AggregateChangesTests()
    {
        _app = new TestApp(configure: services =>
        {
            services.AddAggregate<TallyKind, Tally>();
            services.AddSingleton(_pings);
            services.AddEffect<Ping, PingHandler>("test.ping");
            services.AddSingleton(_chimes);
            services.AddEffect<Chime, ChimeHandler>("test.chime", replayable: true);
        });
    }

    private AggregateChanges Changes => _app.Get<AggregateChanges>();
    private TallyKind Kind => _app.Get<TallyKind>();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    /// <summary>Adds <paramref name="steps"/> to the tally: one audit entry, and one ping per step (ping #n for the n-th step overall).</summary>
    private Task<ChangeResult<Tally>> AddAsync(string id, int steps) =>
        Changes.ApplyAsync(Kind, id, AuditActors.Admin, (stored, _) =>
        {
            var before = stored?.State.Count ?? 0;
            if (steps == 0) return Decision<Tally>.Unchanged;
            if (steps < 0) return Decision<Tally>.Refuse("a tally only grows");
            var after = new Tally(before + steps);
            return Decision<Tally>.Change(after, [new AuditRecord("tally.added", new { steps, count = after.Count })],
                Enumerable.Range(before + 1, steps).Select(n => (IEffect)new Ping(id, n)).ToArray());
        }, CancellationToken.None);

    /// <summary>Adds one step whose only effect is a replayable chime (no storage, its repeat harmless, like an event).</summary>
    private Task<ChangeResult<Tally>> ChimeAsync(string id, bool refuse = false) =>
        Changes.ApplyAsync(Kind, id, AuditActors.Admin, (stored, _) =>
        {
            if (refuse) return Decision<Tally>.Refuse("not now");
            var after = new Tally((stored?.State.Count ?? 0) + 1);
            return Decision<Tally>.Change(after, [new AuditRecord("tally.chimed", null)], [new Chime(id, after.Count)]);
        }, CancellationToken.None);

    [Fact]
    public async Task A_change_whose_effects_are_all_replayable_is_not_cleared_and_a_reader_does_not_perform_them_again()
    {
        await ChimeAsync("c-0"); // tables and queues exist from here on
        using var measurement = _app.Requests.Measure();

        await ChimeAsync("c-1");
        var read = await Changes.FindFlushedAsync(Kind, "c-1", CancellationToken.None);

        Assert.Equal(["c-0.1", "c-1.1"], _chimes.Performed);
        Assert.DoesNotContain(measurement.Writes, w => w.StartsWith("PATCH", StringComparison.Ordinal)); // no clear
        Assert.Equal(4, measurement.Requests); // read, effects check, transaction; the reader's read
        Assert.Single(read!.PendingEffects); // still listed, for the next change to replace
    }

    [Fact]
    public async Task The_next_change_within_a_day_performs_them_again_before_replacing_them_and_a_later_one_does_not()
    {
        await ChimeAsync("c-2");
        _app.Clock.Advance(TimeSpan.FromHours(1));
        await ChimeAsync("c-2"); // chime 1 again (its change's process might have died before it), then chime 2
        _app.Clock.Advance(AggregateChanges.ReplayWindow);
        await ChimeAsync("c-2"); // chime 2 is past the window: its recovery has long run

        Assert.Equal(["c-2.1", "c-2.1", "c-2.2", "c-2.3"], _chimes.Performed);
        var pending = (await Changes.FindAsync(Kind, "c-2", CancellationToken.None))!.PendingEffects;
        Assert.Equal(3, Assert.Single(pending).Data.GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task A_state_update_without_a_change_keeps_the_leftovers_and_does_not_extend_their_window()
    {
        await ChimeAsync("c-6");
        _app.Clock.Advance(TimeSpan.FromHours(23));
        var read = (await Changes.FindFlushedAsync(Kind, "c-6", CancellationToken.None))!;
        Assert.NotNull(await Changes.TryUpdateStateAsync(Kind, read, read.State with { Count = read.State.Count }, CancellationToken.None));
        _app.Clock.Advance(TimeSpan.FromHours(2)); // a day and an hour after the chime's change, two hours after the update

        await ChimeAsync("c-6");

        Assert.Equal(["c-6.1", "c-6.2"], _chimes.Performed);
    }

    [Fact]
    public async Task A_refused_change_performs_nothing_again_and_writes_nothing()
    {
        await ChimeAsync("c-3");
        using var measurement = _app.Requests.Measure();

        var refused = await ChimeAsync("c-3", refuse: true);

        Assert.Equal(ChangeOutcome.Refused, refused.Outcome);
        Assert.Equal(["c-3.1"], _chimes.Performed);
        Assert.Empty(measurement.Writes);
    }

    [Fact]
    public async Task Leftovers_that_cannot_be_performed_again_are_carried_into_the_next_change_instead_of_blocking_it()
    {
        await ChimeAsync("c-4");
        _chimes.FailNext = 1; // the topic is unreachable for the replay

        var next = await ChimeAsync("c-4");

        Assert.Equal(ChangeOutcome.Changed, next.Outcome);
        Assert.Equal(["c-4.1", "c-4.1", "c-4.2"], _chimes.Performed); // the carried chime is performed after the change
        var pending = (await Changes.FindAsync(Kind, "c-4", CancellationToken.None))!.PendingEffects;
        Assert.Equal([1, 2], pending.Select(p => p.Data.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Replayable_effects_a_crash_left_unperformed_are_performed_by_the_effects_check()
    {
        await ChimeAsync("c-0");
        _chimes.FailNext = 1; // the change's own process dies before its chime

        await Assert.ThrowsAsync<InjectedCrashException>(() => ChimeAsync("c-5"));
        Assert.Equal(["c-0.1"], _chimes.Performed);
        await _app.RunEffectsChecksAsync();

        Assert.Contains("c-5.1", _chimes.Performed);
    }

    [Fact]
    public async Task A_change_stores_its_state_audit_entry_and_effects_together_performs_the_effects_and_clears_them()
    {
        var created = await AddAsync("t-1", 2);
        var again = await AddAsync("t-1", 0);
        var refused = await AddAsync("t-1", -1);

        Assert.Equal(ChangeOutcome.Changed, created.Outcome);
        Assert.Equal((2, 1L), (created.Stored!.State.Count, created.Stored.Version));
        Assert.Empty(created.Stored.PendingEffects);
        Assert.Equal(["t-1.1", "t-1.2"], _pings.Performed);
        Assert.Equal(ChangeOutcome.Unchanged, again.Outcome);
        Assert.Equal((ChangeOutcome.Refused, "a tally only grows"), (refused.Outcome, refused.Error));
        var audit = await _app.Get<AuditTrail>().ExportAsync(TallyKind.Type, "t-1");
        Assert.Equal(["tally.added"], audit.Entries.Select(e => e.Action));
        Assert.True(audit.Verification.IsValid);
    }

    [Fact]
    public async Task The_state_its_audit_entries_and_pending_effects_are_one_transaction_in_the_aggregates_partition()
    {
        await AddAsync("t-1", 1);
        var table = await _app.Storage.TableAsync(TallyKind.TableName);
        _app.Faults.FailNext("POST", "$batch");

        await Assert.ThrowsAsync<InjectedCrashException>(() => AddAsync("t-1", 1));

        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == "tallies")) rows.Add(row);
        Assert.Equal(["t-1", "t-1~audit~0000000001"], rows.Select(r => r.RowKey));
        Assert.Equal(1L, rows[0].GetInt64("Version"));
        Assert.Equal("", rows[0].GetString("PendingEffects"));
    }

    public static TheoryData<string> CrashPoints() => ["before the first effect", "after the first effect", "before the clear"];

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task A_crash_at_any_step_is_finished_by_the_next_touch_and_every_effect_happens_exactly_once(string crash)
    {
        await AddAsync("t-1", 1);
        InjectCrash(crash);

        await Assert.ThrowsAnyAsync<Exception>(() => AddAsync("t-1", 2));
        Assert.Equal(3, (await Changes.FindAsync(Kind, "t-1", CancellationToken.None))!.State.Count); // the change is stored
        var next = await AddAsync("t-1", 1); // the next touch first finishes what the crash left

        Assert.Equal(ChangeOutcome.Changed, next.Outcome);
        Assert.Equal(["t-1.1", "t-1.2", "t-1.3", "t-1.4"], _pings.Performed.Order());
        Assert.Empty(next.Stored!.PendingEffects);
    }

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task A_crash_at_any_step_is_finished_by_its_effects_check_when_nobody_touches_the_aggregate_again(string crash)
    {
        InjectCrash(crash);

        await Assert.ThrowsAnyAsync<Exception>(() => AddAsync("t-2", 2));
        Assert.NotEmpty((await Changes.FindAsync(Kind, "t-2", CancellationToken.None))!.PendingEffects);
        Assert.Equal(1, await _app.RunEffectsChecksAsync());
        Assert.Equal(0, await _app.RunEffectsChecksAsync());

        Assert.Equal(["t-2.1", "t-2.2"], _pings.Performed.Order());
        Assert.Empty((await Changes.FindAsync(Kind, "t-2", CancellationToken.None))!.PendingEffects);
        Assert.Empty(await _app.Get<DueIndex>().ReadDueAsync(_app.Clock.GetUtcNow().AddYears(1), TallyKind.Type)); // no sweep work
    }

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task An_effects_check_that_keeps_failing_hands_the_aggregate_to_the_sweep_which_finishes_it(string crash)
    {
        InjectCrash(crash);
        await Assert.ThrowsAnyAsync<Exception>(() => AddAsync("t-5", 2));

        // The check failed on every attempt: the host moved it to the poison queue.
        var poisoned = await _app.DrainAsync(EffectsCheckQueue.Name,
            message => _app.Function<EffectsCheckFunctions>().Poison(message, CancellationToken.None));
        var report = await _app.Get<DueSweep>().RunAsync(TallyKind.Type, CancellationToken.None);
        var second = await _app.Get<DueSweep>().RunAsync(TallyKind.Type, CancellationToken.None);

        Assert.Equal(1, poisoned);
        Assert.Equal(1, report.Acted);
        Assert.Equal(0, second.Read);
        Assert.Equal(["t-5.1", "t-5.2"], _pings.Performed.Order());
        Assert.Empty((await Changes.FindAsync(Kind, "t-5", CancellationToken.None))!.PendingEffects);
    }

    [Fact]
    public async Task Concurrent_changes_never_lose_one_and_each_effect_happens_once()
    {
        await AddAsync("t-3", 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AddAsync("t-3", 1)));

        var stored = (await Changes.FindAsync(Kind, "t-3", CancellationToken.None))!;
        Assert.Equal(1 + results.Count(r => r.Outcome == ChangeOutcome.Changed), stored.State.Count);
        Assert.Equal(stored.State.Count, _pings.Performed.Count);
        Assert.Equal(stored.State.Count, _pings.Performed.Distinct().Count());
        Assert.True((await _app.Get<AuditTrail>().VerifyAsync(TallyKind.Type, "t-3")).IsValid);
    }

    [Fact]
    public async Task A_change_too_large_for_one_stored_row_is_refused_with_a_reason_and_writes_nothing()
    {
        await AddAsync("t-big", 1);
        var table = await _app.Storage.TableAsync(TallyKind.TableName);
        using var measurement = _app.Requests.Measure();
        var result = await Changes.ApplyAsync(Kind, "t-big", AuditActors.Admin, (stored, _) =>
            Decision<Tally>.Change(new Tally(stored!.State.Count + 1), [new AuditRecord("tally.added", null)]) with
            {
                Rows = [new Azure.Data.Tables.TableEntity(Kind.KeyOf("t-big").Partition, "note") { ["Text"] = new string('x', LongTextColumn.MaxPropertyChars + 1) }],
            }, CancellationToken.None);

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Contains("would exceed what can be stored (a field of 32001 characters", result.Error);
        Assert.Empty(measurement.Writes);
        Assert.Equal(1, (await Changes.FindAsync(Kind, "t-big", CancellationToken.None))!.State.Count);
    }

    [Fact]
    public async Task A_state_larger_than_one_column_is_stored_over_several_and_read_back_whole()
    {
        var notes = Enumerable.Range(0, 40).Select(i => $"{i:D2}" + new string('n', 1_998)).ToArray(); // 80,000 characters
        var result = await Changes.ApplyAsync(Kind, "t-long", AuditActors.Admin, (_, _) =>
            Decision<Tally>.Change(new Tally(1, notes), [new AuditRecord("tally.added", null)], [new Ping("t-long", 1)]), CancellationToken.None);

        Assert.Equal(ChangeOutcome.Changed, result.Outcome);
        var stored = (await Changes.FindAsync(Kind, "t-long", CancellationToken.None))!;
        Assert.Equal(notes, stored.State.Notes);
        Assert.Empty(stored.PendingEffects); // the effect was performed and cleared (the clear resets the parts' count)
        var raw = (await (await _app.Storage.TableAsync(TallyKind.TableName)).GetEntityAsync<TableEntity>("tallies", "t-long")).Value;
        Assert.Equal(3, raw.GetInt32("DocumentParts"));
        Assert.Equal(["t-long.1"], _pings.Performed);

        // A later, shorter state replaces every part.
        await Changes.ApplyAsync(Kind, "t-long", AuditActors.Admin, (s, _) => Decision<Tally>.Change(new Tally(2), [new AuditRecord("tally.added", null)]), CancellationToken.None);
        Assert.Null((await Changes.FindAsync(Kind, "t-long", CancellationToken.None))!.State.Notes);
    }

    [Fact]
    public async Task A_change_too_large_for_one_row_is_refused_naming_its_largest_field()
    {
        await AddAsync("t-huge", 1);
        using var measurement = _app.Requests.Measure();
        var notes = Enumerable.Range(0, 300).Select(_ => new string('n', 2_000)).ToArray(); // 600,000 characters: more than 1 MiB
        var result = await Changes.ApplyAsync(Kind, "t-huge", AuditActors.Admin, (stored, _) =>
            Decision<Tally>.Change(new Tally(stored!.State.Count + 1, notes), [new AuditRecord("tally.added", null)]), CancellationToken.None);

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Contains("its largest field is 'notes'", result.Error);
        Assert.Empty(measurement.Writes);
        Assert.Equal(1, (await Changes.FindAsync(Kind, "t-huge", CancellationToken.None))!.State.Count);
    }

    [Fact]
    public async Task A_change_costs_a_read_its_hint_its_transaction_and_the_clear_plus_what_its_effects_do()
    {
        await AddAsync("t-4", 1); // tables exist from here on
        using var measurement = _app.Requests.Measure();

        await AddAsync("t-4", 1);

        // read, effects check, transaction, clear; the ping handler writes one once-key row per effect.
        Assert.Equal(5, measurement.Requests);
    }

    private void InjectCrash(string crash)
    {
        switch (crash)
        {
            case "before the first effect": _pings.CrashBefore = 1; break;
            case "after the first effect": _pings.CrashBefore = 2; break;
            default: _app.Faults.FailNext("PATCH", TallyKind.TableName); break; // the merge that clears the pending effects
        }
    }

    public sealed record Tally(int Count, IReadOnlyList<string>? Notes = null);

    public sealed class TallyKind : AggregateKind<Tally>
    {
        public const string Type = "tally";
        public const string TableName = "KitTallies";
        public override string AggregateType => Type;
        public override string Table => TableName;
        public override JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
        public override (string Partition, string Row) KeyOf(string aggregateId) => ("tallies", aggregateId);
        public override bool IsValidId(string aggregateId) => TableKeys.IsValid(aggregateId);
    }

    public sealed record Chime(string TallyId, int Number) : IEffect
    {
        public string OnceKey => $"chime.{Number}";
    }

    /// <summary>What the chimes did (every performance, repeats included), and failures to inject.</summary>
    public sealed class ChimeLog
    {
        public List<string> Performed { get; } = [];
        public int FailNext { get; set; }
    }

    /// <summary>A replayable effect: touches no storage and records every time it is performed.</summary>
    public sealed class ChimeHandler(ChimeLog log) : IEffectHandler<Chime>
    {
        public Task PerformAsync(Chime effect, EffectContext context, CancellationToken cancellationToken)
        {
            lock (log)
            {
                if (log.FailNext > 0)
                {
                    log.FailNext--;
                    throw new InjectedCrashException($"chime {effect.Number} failed");
                }
                log.Performed.Add($"{effect.TallyId}.{effect.Number}");
            }
            return Task.CompletedTask;
        }
    }

    public sealed record Ping(string TallyId, int Number) : IEffect
    {
        public string OnceKey => $"ping.{Number}";
    }

    /// <summary>What the pings did, and a crash to inject before the n-th ping of the next flush.</summary>
    public sealed class PingLog
    {
        public List<string> Performed { get; } = [];
        public int? CrashBefore { get; set; }
        public int Calls { get; set; }
    }

    /// <summary>Sends a "ping" at most once per once-key: a once-key row claimed with insert-if-absent, as an outbox key would.</summary>
    public sealed class PingHandler(StorageAccount storage, PingLog log) : IEffectHandler<Ping>
    {
        public async Task PerformAsync(Ping effect, EffectContext context, CancellationToken cancellationToken)
        {
            if (log.CrashBefore is { } n && ++log.Calls == n)
            {
                log.CrashBefore = null;
                throw new InjectedCrashException($"crash before ping {effect.Number}");
            }
            Assert.Equal(effect.OnceKey, context.OnceKey);
            var table = await storage.TableAsync("KitPings", cancellationToken);
            if (await table.TryAddAsync(new TableEntity(context.AggregateId, context.OnceKey), cancellationToken) is not null)
                lock (log) log.Performed.Add($"{effect.TallyId}.{effect.Number}");
        }
    }
}
