using NodaTime;
using PrivacyFunctions.DataSubjectRequests;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

public sealed class CustomerDeadlineTests
{
    private const string Brussels = "Europe/Brussels";

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-01-31T10:00:00Z", 0, "2026-02-28", "2026-02-28T23:00:00Z")] // no 31 Feb: the month's last day
    [InlineData("2028-01-31T10:00:00Z", 0, "2028-02-29", "2028-02-29T23:00:00Z")] // leap year
    [InlineData("2026-08-31T10:00:00Z", 0, "2026-09-30", "2026-09-30T22:00:00Z")]
    [InlineData("2026-03-15T10:00:00Z", 0, "2026-04-15", "2026-04-15T22:00:00Z")]
    [InlineData("2026-01-31T10:00:00Z", 1, "2026-03-31", "2026-03-31T22:00:00Z")]
    [InlineData("2026-01-31T10:00:00Z", 2, "2026-04-30", "2026-04-30T22:00:00Z")] // three months from receipt
    [InlineData("2026-11-30T10:00:00Z", 2, "2027-02-28", "2027-02-28T23:00:00Z")] // across a year end
    public void The_deadline_ends_at_the_end_of_the_same_day_number_months_later(string receivedAt, int extensionMonths, string dueDate, string dueAt)
    {
        var due = CustomerDeadline.Compute(At(receivedAt), Brussels, extensionMonths);

        Assert.Equal(DateOnly.Parse(dueDate, System.Globalization.CultureInfo.InvariantCulture), due.DueDate);
        Assert.Equal(At(dueAt), due.DueAt);
        Assert.Equal(TimeSpan.Zero, due.DueAt.Offset);
        Assert.Equal(Brussels, due.TimeZone);
        Assert.Equal(extensionMonths, due.ExtensionMonths);
    }

    [Fact]
    public void An_extended_deadline_counts_from_receipt_not_from_the_earlier_deadline()
    {
        var received = At("2026-01-31T10:00:00Z");
        var first = CustomerDeadline.Compute(received, Brussels);

        var extended = CustomerDeadline.Compute(received, Brussels, 2);

        Assert.Equal(new DateOnly(2026, 2, 28), first.DueDate);
        Assert.Equal(new DateOnly(2026, 4, 30), extended.DueDate); // 28 Feb + 2 months would wrongly give 28 Apr
    }

    [Fact]
    public void A_receipt_late_in_the_UTC_day_that_is_already_tomorrow_in_the_customers_zone_counts_from_tomorrow()
    {
        var received = At("2026-03-14T23:30:00Z"); // 15 Mar 00:30 in Brussels

        var brussels = CustomerDeadline.Compute(received, Brussels);
        var utc = CustomerDeadline.Compute(received, "UTC");

        Assert.Equal(new DateOnly(2026, 3, 15), brussels.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 4, 15), brussels.DueDate);
        Assert.Equal(At("2026-04-15T22:00:00Z"), brussels.DueAt);
        Assert.Equal(new DateOnly(2026, 3, 14), utc.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 4, 14), utc.DueDate);
        Assert.Equal(At("2026-04-15T00:00:00Z"), utc.DueAt);
    }

    [Fact]
    public void A_receipt_that_is_still_yesterday_west_of_UTC_counts_from_yesterday()
    {
        var due = CustomerDeadline.Compute(At("2026-03-01T03:00:00Z"), "America/New_York"); // 28 Feb 22:00 EST

        Assert.Equal(new DateOnly(2026, 2, 28), due.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 28), due.DueDate);
        Assert.Equal(At("2026-03-29T04:00:00Z"), due.DueAt); // midnight EDT: DST began on 8 March
    }

    [Fact]
    public void Across_the_spring_DST_change_the_period_ends_at_local_midnight_so_it_is_an_hour_shorter_in_UTC()
    {
        // 28 Feb 2021 23:30 CET; DST began on 28 March 2021, the last day of the period.
        var received = At("2021-02-28T22:30:00Z");

        var due = CustomerDeadline.Compute(received, Brussels);

        Assert.Equal(new DateOnly(2021, 3, 28), due.DueDate);
        Assert.Equal(At("2021-03-28T22:00:00Z"), due.DueAt); // 29 Mar 00:00 CEST
        // 28 days of the customer's calendar, but 27 days 23.5 hours of elapsed time.
        Assert.Equal(TimeSpan.FromDays(28) - TimeSpan.FromMinutes(30), due.DueAt - received);
    }

    [Fact]
    public void Across_the_autumn_DST_change_the_period_ends_at_local_midnight_in_winter_time()
    {
        var due = CustomerDeadline.Compute(At("2026-09-30T08:00:00Z"), Brussels); // DST ends 25 Oct 2026

        Assert.Equal(new DateOnly(2026, 10, 30), due.DueDate);
        Assert.Equal(At("2026-10-30T23:00:00Z"), due.DueAt); // 31 Oct 00:00 CET
    }

    [Theory]
    [InlineData("America/Santiago", "2026-08-05T15:00:00Z", "2026-09-05", "2026-09-06T04:00:00Z")] // 6 Sep 2026 starts at 01:00 -03
    [InlineData("America/Sao_Paulo", "2018-10-03T15:00:00Z", "2018-11-03", "2018-11-04T03:00:00Z")] // 4 Nov 2018 started at 01:00 -02
    public void When_the_next_midnight_is_skipped_by_DST_the_period_ends_when_the_next_day_actually_begins(
        string zone, string receivedAt, string dueDate, string dueAt)
    {
        var due = CustomerDeadline.Compute(At(receivedAt), zone);

        Assert.Equal(DateOnly.Parse(dueDate, System.Globalization.CultureInfo.InvariantCulture), due.DueDate);
        Assert.Equal(At(dueAt), due.DueAt);
        var local = Instant.FromDateTimeOffset(due.DueAt).InZone(DateTimeZoneProviders.Tzdb[zone]).LocalDateTime;
        Assert.Equal(new LocalTime(1, 0), local.TimeOfDay);
    }

    [Fact]
    public void The_request_is_overdue_from_the_first_instant_after_the_last_day_not_before()
    {
        var due = CustomerDeadline.Compute(At("2026-01-31T10:00:00Z"), Brussels);

        Assert.False(due.IsOverdueAt(At("2026-02-28T22:59:59.999Z"))); // 28 Feb 23:59:59.999 CET
        Assert.True(due.IsOverdueAt(At("2026-02-28T23:00:00Z")));
    }

    [Fact]
    public void Reminders_fall_seven_and_two_exact_days_before_the_deadline_instant()
    {
        var due = CustomerDeadline.Compute(At("2026-01-31T10:00:00Z"), Brussels);

        Assert.Equal(
            new[] { (7, At("2026-02-21T23:00:00Z")), (2, At("2026-02-26T23:00:00Z")) },
            due.Reminders());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void An_extension_is_zero_one_or_two_months(int extensionMonths) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerDeadline.Compute(At("2026-01-31T10:00:00Z"), Brussels, extensionMonths));

    [Fact]
    public void An_unknown_time_zone_is_refused() =>
        Assert.Throws<ArgumentException>(() => CustomerDeadline.Compute(At("2026-01-31T10:00:00Z"), "Europe/Atlantis"));

    [Fact]
    public void The_receipt_offset_does_not_matter_only_the_instant()
    {
        var utc = CustomerDeadline.Compute(At("2026-01-31T10:00:00Z"), Brussels);
        var tokyo = CustomerDeadline.Compute(At("2026-01-31T19:00:00+09:00"), Brussels);

        Assert.Equal(utc, tokyo);
    }
}
