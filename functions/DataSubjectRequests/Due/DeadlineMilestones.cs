using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.DataSubjectRequests.Due;

/// <summary>One step of the deadline chain: a reminder <see cref="DaysBefore"/> days ahead, or (0) the overdue check.</summary>
public sealed record DeadlineMilestone(int DaysBefore, DateTimeOffset At)
{
    public bool IsOverdueCheck => DaysBefore == 0;
}

/// <summary>
/// The customer's deadline is watched by a milestone chain: one hint at a time, the next milestone (reminder 7 days
/// before, 2 days before, overdue at the deadline). Handling one schedules the next, so a request costs one hint, not
/// three written up front; a writer that moves the deadline (an extension) schedules the new next milestone and
/// deletes the old one.
/// </summary>
public static class DeadlineMilestones
{
    public static IReadOnlyList<DeadlineMilestone> Of(DeadlineDue deadline) =>
        [.. deadline.Reminders().Select(r => new DeadlineMilestone(r.DaysBefore, r.At)), new DeadlineMilestone(0, deadline.DueAt)];

    /// <summary>The first milestone after <paramref name="now"/>, or the overdue check when all have passed.</summary>
    public static DeadlineMilestone Next(DeadlineDue deadline, DateTimeOffset now) =>
        Of(deadline).FirstOrDefault(m => m.At > now) ?? Of(deadline)[^1];

    /// <summary>The latest milestone that has come (an earlier reminder that was missed is moot), or null.</summary>
    public static DeadlineMilestone? Current(DeadlineDue deadline, DateTimeOffset now) =>
        Of(deadline).LastOrDefault(m => m.At <= now);

    public static DueItem HintFor(string requestId, DeadlineMilestone milestone) => new(DsrDueKinds.Deadline, requestId, milestone.At);

    public static Task WatchAsync(DueIndex due, string requestId, DeadlineDue deadline, DateTimeOffset now, CancellationToken ct) =>
        due.ScheduleAsync(HintFor(requestId, Next(deadline, now)), ct);
}
