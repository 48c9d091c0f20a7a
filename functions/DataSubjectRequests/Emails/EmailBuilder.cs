using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>
/// Writes the plain-text and HTML bodies side by side so they say the same thing. Every value goes through
/// <see cref="WebUtility.HtmlEncode"/> on the HTML side — templates and values alike — so no caller can
/// forget to encode user-supplied text.
/// </summary>
internal sealed partial class EmailBuilder(string language)
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    /// <summary>A paragraph from a template with <c>{name}</c> placeholders, filled in one pass.</summary>
    public EmailBuilder Paragraph(string template, params (string Name, string Value)[] values)
    {
        _text.Append(Fill(template, values, encode: false)).Append("\n\n");
        _html.Append("<p>").Append(Fill(template, values, encode: true).ReplaceLineEndings("<br>\n")).Append("</p>\n");
        return this;
    }

    /// <summary>Label/value lines; a null value leaves the line out.</summary>
    public EmailBuilder Facts(params (string Label, string? Value)[] facts)
    {
        var present = facts.Where(f => f.Value is not null).ToArray();
        if (present.Length == 0) return this;
        _html.Append("<table>\n");
        foreach (var (label, value) in present)
        {
            _text.Append(label).Append(": ").Append(value).Append('\n');
            _html.Append("<tr><th align=\"left\">").Append(Encode(label)).Append("</th><td>")
                .Append(Encode(value!)).Append("</td></tr>\n");
        }
        _text.Append('\n');
        _html.Append("</table>\n");
        return this;
    }

    /// <summary>Free text quoted as it came (line breaks kept), e.g. the end-user's message.</summary>
    public EmailBuilder Quote(string label, string? quoted)
    {
        if (string.IsNullOrEmpty(quoted)) return this;
        var lines = quoted.ReplaceLineEndings("\n").Split('\n');
        _text.Append(label).Append(":\n");
        foreach (var line in lines) _text.Append("> ").Append(line).Append('\n');
        _text.Append('\n');
        _html.Append("<p>").Append(Encode(label)).Append(":</p>\n<blockquote>")
            .Append(string.Join("<br>\n", lines.Select(Encode))).Append("</blockquote>\n");
        return this;
    }

    /// <summary>A link; only absolute http(s) and mailto targets become anchors, anything else stays text.</summary>
    public EmailBuilder Link(string label, string target, string? display = null)
    {
        display ??= target;
        _text.Append(label).Append(": ").Append(target).Append("\n\n");
        _html.Append("<p>").Append(Encode(label)).Append(": ");
        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "mailto")
            _html.Append("<a href=\"").Append(Encode(target)).Append("\">").Append(Encode(display)).Append("</a>");
        else
            _html.Append(Encode(display));
        _html.Append("</p>\n");
        return this;
    }

    public EmailContent Build(string subject) => new(
        subject.ReplaceLineEndings(" "),
        _text.ToString().TrimEnd() + "\n",
        $"<!DOCTYPE html>\n<html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head><body>\n{_html}</body></html>\n");

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

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
