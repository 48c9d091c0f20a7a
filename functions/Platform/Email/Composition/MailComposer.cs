using System.Text;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.Platform.Email.Composition;

/// <summary>
/// Composes one email in the recipient's language (docs/email.md, "Mail composer"): it writes the plain-text and
/// HTML bodies side by side so they say the same thing, and every template and every value goes through
/// <see cref="TextTemplate.Encode"/> on the HTML side, so no caller can forget to encode user-supplied text.
/// Greeting, closing and dates come from <see cref="CommonTexts"/> in <see cref="Language"/>; instants are shown
/// in <see cref="TimeZone"/> (the customer's). A capability brings its own sentences as a
/// <see cref="Localized{TTexts}"/> record and never changes this class.
/// </summary>
public sealed class MailComposer
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();
    private Uri? _unsubscribe;

    /// <param name="language">One of <see cref="Languages.Supported"/> (anything else writes English).</param>
    /// <param name="timeZone">IANA zone in which <see cref="Time"/> shows instants (the customer's).</param>
    public MailComposer(string language, string timeZone = "UTC")
    {
        Language = Languages.Match(language) ?? Languages.English;
        TimeZone = timeZone;
        Common = CommonTexts.For(Language);
    }

    public string Language { get; }
    public string TimeZone { get; }
    public CommonTexts Common { get; }

    /// <summary>A long date in the recipient's language, e.g. "28 February 2026" / "28. Februar 2026".</summary>
    public string Date(DateOnly date) => Common.Date(date);

    /// <summary>An instant on the customer's clock, e.g. "2026-01-31 00:30 (Europe/Brussels)".</summary>
    public string Time(DateTimeOffset instant) => ZonedTime.Format(instant, TimeZone);

    /// <summary>"Hello," or "Hello {name}," in the recipient's language.</summary>
    public MailComposer Greeting(string? name = null) =>
        string.IsNullOrWhiteSpace(name) ? Paragraph(Common.Greeting) : Paragraph(Common.GreetingNamed, ("name", name));

    /// <summary>"Kind regards,\n{sender}" in the recipient's language.</summary>
    public MailComposer Closing(string sender) => Paragraph(Common.Closing, ("sender", sender));

    /// <summary>A paragraph from a template with <c>{name}</c> placeholders, filled in one pass.</summary>
    public MailComposer Paragraph(string template, params (string Name, string Value)[] values)
    {
        _text.Append(TextTemplate.Fill(template, values, encode: false)).Append("\n\n");
        _html.Append("<p>").Append(TextTemplate.Fill(template, values, encode: true).ReplaceLineEndings("<br>\n")).Append("</p>\n");
        return this;
    }

    /// <summary>User-supplied text as written (line breaks kept); never read as a template.</summary>
    public MailComposer Text(string text) => Paragraph("{text}", ("text", text));

    /// <summary>Label/value lines; a null value leaves the line out.</summary>
    public MailComposer Facts(params (string Label, string? Value)[] facts)
    {
        var present = facts.Where(f => f.Value is not null).ToArray();
        if (present.Length == 0) return this;
        _html.Append("<table>\n");
        foreach (var (label, value) in present)
        {
            _text.Append(label).Append(": ").Append(value).Append('\n');
            _html.Append("<tr><th align=\"left\">").Append(TextTemplate.Encode(label)).Append("</th><td>")
                .Append(TextTemplate.Encode(value!)).Append("</td></tr>\n");
        }
        _text.Append('\n');
        _html.Append("</table>\n");
        return this;
    }

    /// <summary>Free text quoted as it came (line breaks kept), e.g. the end-user's message.</summary>
    public MailComposer Quote(string label, string? quoted)
    {
        if (string.IsNullOrEmpty(quoted)) return this;
        var lines = quoted.ReplaceLineEndings("\n").Split('\n');
        _text.Append(label).Append(":\n");
        foreach (var line in lines) _text.Append("> ").Append(line).Append('\n');
        _text.Append('\n');
        _html.Append("<p>").Append(TextTemplate.Encode(label)).Append(":</p>\n<blockquote>")
            .Append(string.Join("<br>\n", lines.Select(TextTemplate.Encode))).Append("</blockquote>\n");
        return this;
    }

    /// <summary>A link shown as "label: target"; only absolute http(s) and mailto targets become anchors, anything else stays text.</summary>
    public MailComposer Link(string label, string target) => Line(label, target, target);

    /// <summary>An email address: "label: address" in text, a <c>mailto:</c> anchor on the address in HTML.</summary>
    public MailComposer EmailAddress(string label, string address) => Line(label, address, "mailto:" + address);

    /// <summary>
    /// Marks the email as list mail: <paramref name="url"/> becomes the RFC 8058 <c>List-Unsubscribe</c> and
    /// <c>List-Unsubscribe-Post</c> headers (through <see cref="EmailContent.UnsubscribeUrl"/>) and a visible link
    /// in the recipient's language. Absolute https/http only.
    /// </summary>
    public MailComposer Unsubscribe(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http"))
            throw new ArgumentException("An unsubscribe URL must be an absolute http(s) URL.", nameof(url));
        _unsubscribe = url;
        return Link(Common.Unsubscribe, url.AbsoluteUri);
    }

    /// <summary>The email, with its subject filled from <paramref name="subjectTemplate"/> and made one bounded line.</summary>
    public EmailContent Build(string subjectTemplate, params (string Name, string Value)[] values)
    {
        var subject = TextTemplate.Fill(subjectTemplate, values, encode: false).ReplaceLineEndings(" ");
        return new EmailContent(
            MailHeaders.Subject(subject),
            _text.ToString().TrimEnd() + "\n",
            $"<!DOCTYPE html>\n<html lang=\"{Language}\"><head><meta charset=\"utf-8\"><title>{TextTemplate.Encode(subject)}</title></head><body>\n{_html}</body></html>\n",
            _unsubscribe);
    }

    private MailComposer Line(string label, string shown, string target)
    {
        _text.Append(label).Append(": ").Append(shown).Append("\n\n");
        _html.Append("<p>").Append(TextTemplate.Encode(label)).Append(": ");
        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "mailto")
            _html.Append("<a href=\"").Append(TextTemplate.Encode(target)).Append("\">").Append(TextTemplate.Encode(shown)).Append("</a>");
        else
            _html.Append(TextTemplate.Encode(shown));
        _html.Append("</p>\n");
        return this;
    }
}
