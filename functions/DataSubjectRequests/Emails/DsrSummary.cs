using NodaTime;
using NodaTime.Text;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>The facts about a request that customer and DPO emails share (no personal data of the end-user).</summary>
public sealed record DsrSummary(string RequestId, string ProductId, DsrType Type, DateTimeOffset ReceivedAt, DeadlineDue Deadline)
{
    private static readonly LocalDateTimePattern LocalTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    /// <summary>An instant as the customer's clock shows it, e.g. "2026-01-31 00:30 (Europe/Brussels)".</summary>
    public static string InZone(DateTimeOffset instant, string timeZone)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;
        return $"{LocalTime.Format(Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime)} ({zone.Id})";
    }

    internal string ReceivedInZone => InZone(ReceivedAt, Deadline.TimeZone);

    internal string DeadlineText(DsrEmailTexts texts) =>
        EmailBuilder.Fill(texts.DeadlineValue, [("date", texts.Date(Deadline.DueDate)), ("zone", Deadline.TimeZone)], encode: false);

    internal string? ExtensionText(DsrEmailTexts texts) => Deadline.ExtensionMonths == 0 ? null :
        EmailBuilder.Fill(texts.ExtendedMonths, [("months", Deadline.ExtensionMonths.ToString(System.Globalization.CultureInfo.InvariantCulture))], encode: false);
}
