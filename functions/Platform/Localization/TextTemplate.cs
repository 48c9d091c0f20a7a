using System.Net;
using System.Text.RegularExpressions;

namespace PrivacyFunctions.Platform.Localization;

/// <summary>Fills <c>{name}</c> placeholders of a localized sentence, HTML-encoding template and values when asked.</summary>
public static partial class TextTemplate
{
    /// <summary>
    /// One pass: a value is never scanned for placeholders itself (user text may contain braces). A placeholder
    /// without a value throws — a missing text is a bug, never a blank in a sent email.
    /// </summary>
    public static string Fill(string template, (string Name, string Value)[] values, bool encode)
    {
        var source = encode ? Encode(template) : template;
        return Placeholder().Replace(source, match =>
        {
            var name = match.Groups[1].Value;
            foreach (var (key, value) in values)
                if (key == name) return encode ? Encode(value) : value;
            throw new InvalidOperationException($"Template placeholder {{{name}}} has no value.");
        });
    }

    public static string Encode(string value) => WebUtility.HtmlEncode(value);

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
