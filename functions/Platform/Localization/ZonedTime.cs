using NodaTime;
using NodaTime.Text;

namespace PrivacyFunctions.Platform.Localization;

/// <summary>Instants as a customer's clock shows them (IANA zone; an unknown zone falls back to UTC).</summary>
public static class ZonedTime
{
    private static readonly LocalDateTimePattern LocalTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    /// <summary>e.g. "2026-01-31 00:30 (Europe/Brussels)".</summary>
    public static string Format(DateTimeOffset instant, string timeZone)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;
        return $"{LocalTime.Format(Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime)} ({zone.Id})";
    }
}
