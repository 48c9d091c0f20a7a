using System.Collections;
using System.Reflection;

namespace PrivacyFunctions.Platform.Localization;

/// <summary>
/// A capability's text record in every language the app offers (<see cref="Languages.Supported"/>). Built once per
/// record type; construction fails when a language is missing or any text of any language is empty, so a missing
/// translation stops the app (and the tests) instead of sending a half-written email or page.
/// </summary>
public sealed class Localized<TTexts> where TTexts : class
{
    private readonly IReadOnlyDictionary<string, TTexts> _byLanguage;

    public Localized(IReadOnlyDictionary<string, TTexts> byLanguage)
    {
        var missing = Languages.Supported.Where(l => !byLanguage.ContainsKey(l)).ToArray();
        if (missing.Length > 0 || byLanguage.Count != Languages.Supported.Count)
            throw new InvalidOperationException($"{typeof(TTexts).Name} must have exactly the languages {string.Join(", ", Languages.Supported)}; missing: {string.Join(", ", missing)}.");
        foreach (var (language, texts) in byLanguage)
            foreach (var property in typeof(TTexts).GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (IsMissing(property.GetValue(texts)))
                    throw new InvalidOperationException($"{typeof(TTexts).Name}.{property.Name} is missing in '{language}'.");
        _byLanguage = byLanguage;
    }

    /// <summary>The texts of <paramref name="language"/>, or English for a language the app does not offer.</summary>
    public TTexts For(string language) => _byLanguage.TryGetValue(language, out var texts) ? texts : _byLanguage[Languages.English];

    public TTexts this[string language] => _byLanguage[language];

    public IEnumerable<string> Keys => _byLanguage.Keys;

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        IDictionary dictionary => dictionary.Count == 0 || dictionary.Values.Cast<object?>().Any(IsMissing),
        IEnumerable items => !items.Cast<object?>().Any() || items.Cast<object?>().Any(IsMissing),
        _ => false,
    };
}
