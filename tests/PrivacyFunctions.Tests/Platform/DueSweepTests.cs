using Microsoft.Extensions.DependencyInjection;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

/// <summary>The one due sweep: dispatch by kind, isolation of a failing hint, one alert after K failures, back-off.</summary>
public sealed class DueSweepTests : IAsyncLifetime
{
    private readonly RecordingHandler _ok = new("test.ok");
    private readonly RecordingHandler _failing = new("test.failing") { Fails = true };
    private readonly RecordingHandler _later = new("test.later") { Next = TimeSpan.FromHours(2) };
    private readonly TestApp _app;

    public DueSweepTests()
    {
        _app = new TestApp(new() { ["Due:AlertAfterFailures"] = "3" }, services =>
        {
            services.AddSingleton<IDueHandler>(_ok);
            services.AddSingleton<IDueHandler>(_failing);
            services.AddSingleton<IDueHandler>(_later);
        });
    }

    private DueIndex Index => _app.Get<DueIndex>();
    private DueSweep Sweep => _app.Get<DueSweep>();
    private DateTimeOffset Now => _app.Clock.GetUtcNow();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Each_hint_goes_to_the_handler_of_its_kind_and_a_handled_hint_is_deleted()
    {
        await Index.ScheduleManyAsync([new DueItem("test.ok", "a", Now.AddMinutes(-1)), new DueItem("test.ok", "b", Now), new DueItem("test.ok", "c", Now.AddMinutes(1))]);

        var report = await Sweep.RunAsync("test", CancellationToken.None);

        Assert.Equal(["a", "b"], _ok.Seen);
        Assert.Equal(2, report.Acted);
        Assert.Equal(["c"], (await Index.ReadDueAsync(Now.AddMinutes(1), "test")).Select(h => h.ItemKey));
    }

    [Fact]
    public async Task A_failing_hint_does_not_stop_the_others_and_backs_off_with_its_failure_count()
    {
        await Index.ScheduleManyAsync([new DueItem("test.failing", "bad", Now.AddMinutes(-2)), new DueItem("test.ok", "good", Now.AddMinutes(-1))]);

        var report = await Sweep.RunAsync("test", CancellationToken.None);

        Assert.Equal((1, 1), (report.Acted, report.Failed));
        Assert.Equal(["good"], _ok.Seen);
        Assert.Empty(await Index.ReadDueAsync(Now, "test")); // the failed hint moved ahead
        var moved = Assert.Single(await Index.ReadDueAsync(Now.AddMinutes(1), "test"));
        Assert.Equal(("bad", 1, Now.AddMinutes(1)), (moved.ItemKey, moved.Failures, moved.DueAt));
    }

    [Fact]
    public async Task After_K_failures_the_DPO_office_is_alerted_once_and_the_hint_keeps_backing_off_with_a_cap()
    {
        await Index.ScheduleAsync(new DueItem("test.failing", "bad", Now));

        var delays = new List<TimeSpan>();
        for (var run = 0; run < 9; run++)
        {
            await Sweep.RunAsync("test", CancellationToken.None);
            var hint = Assert.Single(await Index.ReadDueAsync(Now.AddDays(1), "test"));
            delays.Add(hint.DueAt - Now);
            _app.Clock.SetUtcNow(hint.DueAt);
        }

        Assert.Equal(9, _failing.Seen.Count);
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays.Select(d => (int)d.TotalMinutes));
        var alerts = (await _app.OutboxRowsAsync()).Where(r => r.GetString("NoticeKind") == DueSweep.FailingAlertKind).ToList();
        Assert.Single(alerts);
        Assert.Equal("dpo@processor.example", alerts[0].GetString("ToAddress"));
    }

    [Fact]
    public async Task A_handler_can_move_its_hint_to_the_next_milestone()
    {
        await Index.ScheduleAsync(new DueItem("test.later", "chain", Now));

        await Sweep.RunAsync("test", CancellationToken.None);

        var next = Assert.Single(await Index.ReadDueAsync(Now.AddDays(1), "test"));
        Assert.Equal(Now.AddHours(2), next.DueAt);
    }

    [Fact]
    public async Task A_hint_of_a_kind_nobody_handles_fails_and_backs_off_instead_of_vanishing()
    {
        await Index.ScheduleAsync(new DueItem("test.unknown", "x", Now));

        var report = await Sweep.RunAsync("test", CancellationToken.None);

        Assert.Equal(1, report.Failed);
        Assert.Single(await Index.ReadDueAsync(Now.AddDays(1), "test"));
    }

    [Fact]
    public async Task A_sweep_with_another_familys_backlog_of_2000_costs_what_it_costs_without_it()
    {
        await Index.ScheduleManyAsync(Enumerable.Range(0, 3).Select(i => new DueItem("test.ok", $"mine-{i}", Now.AddMinutes(-i))));
        var cost = await MeasureReadAsync();

        // Another capability's overdue backlog, in the same hours as ours.
        await Index.ScheduleManyAsync(Enumerable.Range(0, 2000).Select(i => new DueItem("other.backlog", $"theirs-{i}", Now.AddMinutes(-(i % 3)))));
        var costWithBacklog = await MeasureReadAsync();

        Assert.Equal(cost, costWithBacklog);
        Assert.Equal(1, costWithBacklog);
    }

    private async Task<long> MeasureReadAsync()
    {
        using var measurement = _app.Requests.Measure();
        Assert.Equal(3, (await Index.ReadDueAsync(Now, "test")).Count);
        return measurement.Requests;
    }

    private sealed class RecordingHandler(string kind) : IDueHandler
    {
        public string Kind => kind;
        public bool Fails { get; init; }
        public TimeSpan? Next { get; init; }
        public List<string> Seen { get; } = [];

        public Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Seen.Add(hint.ItemKey);
            if (Fails) throw new InvalidOperationException("the handler's dependency is down");
            return Task.FromResult(Next is { } next ? DueOutcome.Again(now + next) : DueOutcome.Done);
        }
    }
}
