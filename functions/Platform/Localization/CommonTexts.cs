using System.Globalization;

namespace PrivacyFunctions.Platform.Localization;

/// <summary>
/// The texts every email and page shares — greeting, closing, dates, the unsubscribe link — in every language the
/// app offers. A capability's own sentences live in its own record (e.g. <c>DsrEmailTexts</c>).
/// </summary>
public sealed record CommonTexts
{
    /// <summary>Long date from <c>{day}</c>, <c>{month}</c>, <c>{year}</c>, e.g. "28 February 2026".</summary>
    public required string DateFormat { get; init; }
    /// <summary>January first. Kept here rather than taken from a culture so dates read the same without ICU.</summary>
    public required IReadOnlyList<string> MonthNames { get; init; }
    public required string Greeting { get; init; }
    /// <summary><c>{name}</c>.</summary>
    public required string GreetingNamed { get; init; }
    /// <summary><c>{sender}</c>: the processor's display name.</summary>
    public required string Closing { get; init; }
    /// <summary>Label of the visible unsubscribe link in list mail (the RFC 8058 headers carry the same URL).</summary>
    public required string Unsubscribe { get; init; }

    public string Date(DateOnly date) => TextTemplate.Fill(DateFormat,
        [("day", date.Day.ToString(CultureInfo.InvariantCulture)), ("month", MonthNames[date.Month - 1]),
         ("year", date.Year.ToString(CultureInfo.InvariantCulture))], encode: false);

    public static CommonTexts For(string language) => ByLanguage.For(language);

    public static Localized<CommonTexts> ByLanguage { get; } = new(new Dictionary<string, CommonTexts>
    {
        ["en"] = new()
        {
            DateFormat = "{day} {month} {year}",
            MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
            Greeting = "Hello,",
            GreetingNamed = "Hello {name},",
            Closing = "Kind regards,\n{sender}",
            Unsubscribe = "Unsubscribe from these emails",
        },
        ["nl"] = new()
        {
            DateFormat = "{day} {month} {year}",
            MonthNames = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            Greeting = "Beste,",
            GreetingNamed = "Beste {name},",
            Closing = "Met vriendelijke groet,\n{sender}",
            Unsubscribe = "Afmelden voor deze e-mails",
        },
        ["fr"] = new()
        {
            DateFormat = "{day} {month} {year}",
            MonthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            Greeting = "Bonjour,",
            GreetingNamed = "Bonjour {name},",
            Closing = "Cordialement,\n{sender}",
            Unsubscribe = "Se désabonner de ces e-mails",
        },
        ["de"] = new()
        {
            DateFormat = "{day}. {month} {year}",
            MonthNames = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
            Greeting = "Guten Tag,",
            GreetingNamed = "Guten Tag {name},",
            Closing = "Mit freundlichen Grüßen\n{sender}",
            Unsubscribe = "Diese E-Mails abbestellen",
        },
    });
}
