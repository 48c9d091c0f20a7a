using CsCheck;
using NodaTime;
using PrivacyFunctions.DataSubjectRequests;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

/// <summary>
/// Bounds of the deadline over random receipts, 2000–2100, in zones east and west of UTC, with and without
/// DST, with half-hour offsets and half-hour DST (Lord Howe), and with DST changes at midnight (Santiago,
/// São Paulo). Every one of these zones changes its UTC offset by at most one hour in that period.
/// </summary>
public sealed class CustomerDeadlinePropertyTests
{
    private static readonly string[] Zones =
    [
        "UTC", "Europe/Brussels", "Europe/London", "Europe/Lisbon", "Europe/Helsinki", "America/New_York",
        "America/Santiago", "America/Sao_Paulo", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Auckland",
        "Pacific/Kiritimati", "Pacific/Pago_Pago",
    ];

    private static readonly Gen<Instant> Receipts = Gen.Long[
        Instant.FromUtc(2000, 1, 1, 0, 0).ToUnixTimeTicks(),
        Instant.FromUtc(2100, 1, 1, 0, 0).ToUnixTimeTicks()].Select(Instant.FromUnixTimeTicks);

    private static readonly Gen<DateTimeZone> AnyZone = Gen.OneOf(Zones).Select(id => DateTimeZoneProviders.Tzdb[id]);

    /// <summary>
    /// Calendar days from the receipt day to the last day, for a period of k+1 months. Unclamped, the span is
    /// the length of the k+1 months starting with the receipt month; clamped to a shorter last month (receipt
    /// day > its length) it is shorter than that but at least the length of the k+1 months after the receipt
    /// month. So it lies between the shortest and the longest run of k+1 consecutive months:
    /// k=0: Feb 28 … Jan/Mar 31; k=1: Jan+Feb 59 … Jul+Aug 62; k=2: Feb+Mar+Apr 89 … Jun+Jul+Aug 92.
    /// </summary>
    [Theory]
    [InlineData(0, 28, 31)]
    [InlineData(1, 59, 62)]
    [InlineData(2, 89, 92)]
    public void The_deadline_follows_the_calendar_month_rule_and_stays_within_exact_bounds(int k, int minDays, int maxDays)
    {
        Gen.Select(Receipts, AnyZone).Sample((received, zone) =>
        {
            var due = CustomerDeadline.Compute(received, zone, k);
            var receivedLocal = received.InZone(zone).LocalDateTime;
            var receivedOn = receivedLocal.Date;
            var dueDate = LocalDate.FromDateOnly(due.DueDate);

            // Same day number k+1 months later, or that month's last day.
            var month = new LocalDate(receivedOn.Year, receivedOn.Month, 1).PlusMonths(1 + k);
            Assert.Equal((month.Year, month.Month), (dueDate.Year, dueDate.Month));
            Assert.Equal(Math.Min(receivedOn.Day, CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month)), dueDate.Day);
            Assert.Equal(receivedOn, LocalDate.FromDateOnly(due.ReceivedOn));

            Assert.InRange(Period.DaysBetween(receivedOn, dueDate), minDays, maxDays);

            // The deadline is the start of the next local day.
            var dueAt = Instant.FromDateTimeOffset(due.DueAt);
            Assert.Equal(zone.AtStartOfDay(dueDate.PlusDays(1)).ToInstant(), dueAt);

            // On the customer's wall clock (to 24:00 of the last day) the period is more than minDays and at
            // most maxDays + 1 days: the receipt day itself is not counted (Reg. 1182/71 Art. 3(1)).
            var wallClock = Duration.FromTimeSpan(dueDate.PlusDays(1).AtMidnight().ToDateTimeUnspecified() - receivedLocal.ToDateTimeUnspecified());
            Assert.True(wallClock > Duration.FromDays(minDays) && wallClock <= Duration.FromDays(maxDays + 1), $"wall clock {wallClock}");

            // Elapsed UTC time differs from the wall clock by the offset change between receipt and deadline (≤ 1 h).
            var elapsed = dueAt - received;
            Assert.True(elapsed > Duration.FromDays(minDays) - Duration.FromHours(1) && elapsed <= Duration.FromDays(maxDays + 1) + Duration.FromHours(1),
                $"elapsed {elapsed}");
        }, iter: 5_000, threads: 1);
    }

    [Fact]
    public void Without_extension_the_deadline_is_more_than_28_and_at_most_32_days_after_receipt_on_the_customers_clock()
    {
        Gen.Select(Receipts, AnyZone).Sample((received, zone) =>
        {
            var due = CustomerDeadline.Compute(received, zone);
            var receivedLocal = received.InZone(zone).LocalDateTime;
            var endLocal = LocalDate.FromDateOnly(due.DueDate).PlusDays(1).AtMidnight();
            var days = (endLocal.ToDateTimeUnspecified() - receivedLocal.ToDateTimeUnspecified()).TotalDays;
            Assert.InRange(days, 28, 32);
            Assert.NotEqual(28, days);
            // In UTC, a DST change inside the period moves it by up to an hour either way.
            Assert.InRange((due.DueAt - received.ToDateTimeOffset()).TotalHours, 28 * 24 - 1, 32 * 24 + 1);
        }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void A_later_receipt_never_gets_an_earlier_deadline_and_an_extension_always_moves_it_later()
    {
        Gen.Select(Receipts, Gen.Long[0, TimeSpan.TicksPerDay * 40], AnyZone).Sample((received, laterBy, zone) =>
        {
            var later = received + Duration.FromTicks(laterBy);
            Assert.True(CustomerDeadline.Compute(received, zone).DueAt <= CustomerDeadline.Compute(later, zone).DueAt);
            for (var k = 0; k < CustomerDeadline.MaxExtensionMonths; k++)
                Assert.True(CustomerDeadline.Compute(received, zone, k).DueAt < CustomerDeadline.Compute(received, zone, k + 1).DueAt);
        }, iter: 5_000, threads: 1);
    }
}
