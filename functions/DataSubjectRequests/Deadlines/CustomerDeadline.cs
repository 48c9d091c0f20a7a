using NodaTime;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// The controller's deadline for answering a data subject request: one month from receipt (GDPR Art. 12(3)),
/// extendable by up to two further months, counted as a calendar period under Regulation 1182/71 Art. 3
/// in the customer's time zone (docs/dsr-domain.md).
/// </summary>
public static class CustomerDeadline
{
    public const int MaxExtensionMonths = 2;

    /// <param name="receivedAt">The processor's receipt (see <see cref="DsrReceipt"/>).</param>
    /// <param name="timeZone">The customer's IANA time zone, e.g. <c>Europe/Brussels</c>.</param>
    /// <param name="extensionMonths">Recorded Art. 12(3) extension: 0, 1 or 2 further months.</param>
    public static DeadlineDue Compute(DateTimeOffset receivedAt, string timeZone, int extensionMonths = 0)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone)
            ?? throw new ArgumentException($"'{timeZone}' is not an IANA time zone.", nameof(timeZone));
        return Compute(Instant.FromDateTimeOffset(receivedAt), zone, extensionMonths);
    }

    public static DeadlineDue Compute(Instant receivedAt, DateTimeZone zone, int extensionMonths = 0)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (extensionMonths is < 0 or > MaxExtensionMonths)
            throw new ArgumentOutOfRangeException(nameof(extensionMonths), extensionMonths, $"An extension is 0 to {MaxExtensionMonths} months (GDPR Art. 12(3)).");

        // Art. 3(1): the period runs from the day of the event — that day as the customer's calendar shows it.
        var receivedOn = receivedAt.InZone(zone).Date;
        // Art. 3(2)(c): it ends on the same date in the last month, or on that month's last day when the date
        // does not exist; NodaTime's PlusMonths truncates to the month end exactly so. An extended period is
        // counted from receipt too (31 Jan + 3 months = 30 Apr), never by adding months to an earlier deadline.
        var dueDate = receivedOn.PlusMonths(1 + extensionMonths);
        // "With the expiry of the last hour" of that day: the first instant of the following local day.
        // AtStartOfDay also handles a midnight skipped by a DST change (the day then starts at 01:00).
        var dueAt = zone.AtStartOfDay(dueDate.PlusDays(1)).ToInstant();

        return new DeadlineDue(
            receivedOn.ToDateOnly(), dueDate.ToDateOnly(), zone.Id,
            dueAt.ToDateTimeOffset(), extensionMonths);
    }
}
