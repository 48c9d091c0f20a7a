namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// The customer's deadline for answering a request. <see cref="DueDate"/> is the last day, in
/// <see cref="TimeZone"/>, on which the answer is on time; <see cref="DueAt"/> is the end of that day
/// (24:00 local, i.e. the first instant of the next local day) in UTC — the request is overdue from
/// <see cref="DueAt"/> on, not before.
/// </summary>
public sealed record DeadlineDue(
    DateOnly ReceivedOn,
    DateOnly DueDate,
    string TimeZone,
    DateTimeOffset DueAt,
    int ExtensionMonths)
{
    /// <summary>Customer reminders go out this many days before <see cref="DueAt"/>.</summary>
    public static IReadOnlyList<int> ReminderDaysBefore { get; } = [7, 2];

    public bool IsOverdueAt(DateTimeOffset now) => now >= DueAt;

    /// <summary>
    /// When each reminder is due: <see cref="DueAt"/> minus whole 24-hour days (docs/dsr-domain.md: days are exact
    /// UTC durations), earliest first, in the order of <see cref="ReminderDaysBefore"/>.
    /// </summary>
    public IReadOnlyList<(int DaysBefore, DateTimeOffset At)> Reminders() =>
        ReminderDaysBefore.Select(days => (days, DueAt - TimeSpan.FromDays(days))).ToArray();
}
