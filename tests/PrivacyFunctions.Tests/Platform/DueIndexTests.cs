using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

public sealed class DueIndexTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private DueIndex Index => _app.Get<DueIndex>();
    private DateTimeOffset Now => _app.Clock.GetUtcNow();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Reading_what_is_due_costs_a_constant_number_of_requests_not_a_scan()
    {
        // 4,990 obligations not yet due — 100 per hour over the next 50 hours, the first hundred later this hour —
        // and 10 already due (some in past hours, some this hour). Full hours keep the backlog cheap to write
        // (one 100-row transaction each); the read must still stop at "now" inside the current hour.
        var future = Enumerable.Range(0, 4_990).Select(i => new DueItem("test.future", $"item-{i}", Now.AddMinutes(5).AddHours(i / 100).AddSeconds(i % 100)));
        var due = Enumerable.Range(0, 10).Select(i => new DueItem("test.due", $"due-{i}", Now.AddMinutes(-i * 45)));
        await Index.ScheduleManyAsync(future.Concat(due));

        using var measurement = _app.Requests.Measure();
        var read = await Index.ReadDueAsync(Now, "test");

        Assert.Equal(10, read.Count);
        Assert.All(read, item => Assert.Equal("test.due", item.Kind));
        Assert.True(measurement.Requests <= 2, $"reading the due items took {measurement.Requests} storage requests");
    }

    [Fact]
    public async Task Due_items_come_oldest_first_and_an_item_due_later_this_hour_is_not_due_yet()
    {
        await Index.ScheduleAsync(new DueItem("k", "later-this-hour", Now.AddMinutes(1)));
        await Index.ScheduleAsync(new DueItem("k", "exactly-now", Now));
        await Index.ScheduleAsync(new DueItem("k", "yesterday", Now.AddDays(-1)));

        var read = await Index.ReadDueAsync(Now, "k");

        Assert.Equal(["yesterday", "exactly-now"], read.Select(i => i.ItemKey));
    }

    [Fact]
    public async Task A_completed_or_cancelled_hint_is_no_longer_due_and_completing_twice_is_harmless()
    {
        var first = new DueItem("k", "a", Now.AddMinutes(-10));
        var second = new DueItem("k", "b", Now.AddMinutes(-5));
        await Index.ScheduleManyAsync([first, second]);

        await Index.CompleteAsync(first);
        await Index.CompleteAsync(first); // a second, concurrent sweep
        await Index.CancelAsync(second);

        Assert.Empty(await Index.ReadDueAsync(Now, "k"));
    }

    [Fact]
    public async Task Scheduling_the_same_item_twice_keeps_one_hint_and_kind_filter_applies()
    {
        var item = new DueItem("kind.a", "same", Now.AddMinutes(-1));
        await Index.ScheduleAsync(item);
        await Index.ScheduleAsync(item);
        await Index.ScheduleAsync(new DueItem("kind.b", "other", Now.AddMinutes(-1)));
        await Index.ScheduleAsync(new DueItem("kind.c", "third", Now.AddMinutes(-1)));

        Assert.Equal(3, (await Index.ReadDueAsync(Now, "kind")).Count);
        Assert.Equal(["same"], (await Index.ReadDueAsync(Now, "kind.a")).Select(i => i.ItemKey));
        Assert.Equal(["other"], (await Index.ReadDueAsync(Now, "kind.b")).Select(i => i.ItemKey));
    }

    [Theory]
    [InlineData("bad/key")]
    [InlineData("bad#key")]
    [InlineData("bad?key")]
    [InlineData("bad\\key")]
    [InlineData("bad\u0001key")]
    public async Task Keys_with_forbidden_characters_are_refused(string key)
    {
        await Assert.ThrowsAsync<InvalidTableKeyException>(() => Index.ScheduleAsync(new DueItem("k", key, Now)));
    }
}
