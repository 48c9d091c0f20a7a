namespace PrivacyFunctions.Platform.Localization;

/// <summary>
/// The languages the app offers, in one place: every email and every signed-link page exists in each of them
/// (<see cref="Localized{TTexts}"/> refuses a text table that misses one). How a recipient's locale picks one.
/// </summary>
public static class Languages
{
    public const string English = "en";

    public static IReadOnlyList<string> Supported { get; } = ["en", "nl", "fr", "de"];

    /// <summary>The supported language of a BCP 47 tag's primary subtag (<c>nl-BE</c> → <c>nl</c>), or null.</summary>
    public static string? Match(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        var separator = locale.IndexOfAny(['-', '_']);
        var language = (separator < 0 ? locale : locale[..separator]).Trim().ToLowerInvariant();
        return Supported.Contains(language, StringComparer.Ordinal) ? language : null;
    }

    /// <summary>The first preference that is supported, else English (e.g. subject's locale, then customer's).</summary>
    public static string Resolve(params string?[] preferences) =>
        preferences.Select(Match).FirstOrDefault(language => language is not null) ?? English;
}
