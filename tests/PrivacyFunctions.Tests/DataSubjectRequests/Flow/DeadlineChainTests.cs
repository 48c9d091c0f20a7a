using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.DataSubjectRequests.Due;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Flow;

/// <summary>The customer's deadline is watched by one hint at a time: the next milestone.</summary>
public sealed class DeadlineChainTests : IAsyncLifetime
{
    private readonly DsrScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private async Task<List<DateTimeOffset>> DeadlineHintsAsync(string requestId) =>
        (await _s.App.RowsAsync(StorageNames.Tables.DueIndex))
            .Where(r => r.GetString("Kind") == DsrDueKinds.Deadline && r.GetString("ItemKey") == requestId)
            .Select(r => r.GetDateTimeOffset("DueAt")!.Value).ToList();

    [Fact]
    public async Task One_hint_walks_from_the_7_day_reminder_to_the_2_day_reminder_to_the_overdue_check_and_then_is_gone()
    {
        var requestId = (await _s.PostIntakeAsync(_s.IntakeBody())).Body.GetProperty("requestId").GetString()!;
        await _s.DrainForwardingAsync();
        var due = (await _s.RequestAsync(requestId)).DeadlineIn("Europe/Brussels").DueAt;

        Assert.Equal([due - TimeSpan.FromDays(7)], await DeadlineHintsAsync(requestId));
        _s.App.Clock.SetUtcNow(due - TimeSpan.FromDays(7));
        await _s.SweepAsync();
        Assert.Equal([due - TimeSpan.FromDays(2)], await DeadlineHintsAsync(requestId));
        _s.App.Clock.SetUtcNow(due - TimeSpan.FromDays(2));
        await _s.SweepAsync();
        Assert.Equal([due], await DeadlineHintsAsync(requestId));
        _s.App.Clock.SetUtcNow(due);
        await _s.SweepAsync();
        Assert.Empty(await DeadlineHintsAsync(requestId));

        Assert.Single(await _s.DeliveriesAsync("dsr.reminder-7"));
        Assert.Single(await _s.DeliveriesAsync("dsr.reminder-2"));
        Assert.Equal(EscalationReason.DeadlineOverdue, (await _s.RequestAsync(requestId)).Lifecycle.Escalation);
    }

    [Fact]
    public async Task A_sweep_that_comes_late_sends_only_the_reminder_that_is_still_true()
    {
        var requestId = (await _s.PostIntakeAsync(_s.IntakeBody())).Body.GetProperty("requestId").GetString()!;
        await _s.DrainForwardingAsync();
        var due = (await _s.RequestAsync(requestId)).DeadlineIn("Europe/Brussels").DueAt;

        _s.App.Clock.SetUtcNow(due - TimeSpan.FromDays(1)); // the sweep was down from a week before until the day before
        await _s.SweepAsync();

        Assert.Empty(await _s.DeliveriesAsync("dsr.reminder-7"));
        Assert.Single(await _s.DeliveriesAsync("dsr.reminder-2"));
        Assert.Equal([due], await DeadlineHintsAsync(requestId));
    }
}
