using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// The two parts of an email (docs/email.md: plain text and HTML). Build one with <see cref="EmailBodyBuilder"/> so
/// that every piece of user-supplied text is HTML-encoded in the HTML part.
/// </summary>
public sealed record EmailBody(string Text, string Html)
{
    /// <summary>Paragraphs of plain text; blank-line separated paragraphs in one string are split.</summary>
    public static EmailBody FromParagraphs(params string[] paragraphs)
    {
        var builder = new EmailBodyBuilder();
        foreach (var paragraph in paragraphs)
            foreach (var part in paragraph.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                builder.Paragraph(part);
        return builder.Build();
    }
}

/// <summary>
/// Builds an <see cref="EmailBody"/> block by block. Text is inserted verbatim in the text part and
/// HTML-encoded in the HTML part (line breaks become <c>&lt;br&gt;</c>); links must be absolute http(s) URLs.
/// </summary>
public sealed class EmailBodyBuilder
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public static string Encode(string text) => Encoder.Encode(text);

    public EmailBodyBuilder Heading(string text)
    {
        Block(text, $"<h2>{EncodeLines(text)}</h2>");
        return this;
    }

    public EmailBodyBuilder Paragraph(string text)
    {
        Block(text, $"<p>{EncodeLines(text)}</p>");
        return this;
    }

    /// <summary>Label/value lines (e.g. "Customer: Acme"), a definition list in HTML.</summary>
    public EmailBodyBuilder Fields(params (string Label, string Value)[] fields)
    {
        var text = string.Join("\n", fields.Select(f => $"{f.Label}: {f.Value}"));
        var html = "<dl>" + string.Concat(fields.Select(f => $"<dt>{EncodeLines(f.Label)}</dt><dd>{EncodeLines(f.Value)}</dd>")) + "</dl>";
        Block(text, html);
        return this;
    }

    public EmailBodyBuilder BulletList(IEnumerable<string> items)
    {
        var list = items.ToList();
        Block(string.Join("\n", list.Select(i => "- " + i)), "<ul>" + string.Concat(list.Select(i => $"<li>{EncodeLines(i)}</li>")) + "</ul>");
        return this;
    }

    /// <summary>A link: "label: url" in text, an anchor in HTML. Only absolute http/https URLs are accepted.</summary>
    public EmailBodyBuilder Link(string label, Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException("An email link must be an absolute http or https URL.", nameof(url));
        Block($"{label}: {url.AbsoluteUri}", $"<p><a href=\"{Encode(url.AbsoluteUri)}\">{EncodeLines(label)}</a></p>");
        return this;
    }

    public EmailBody Build()
    {
        if (_text.Length == 0) throw new InvalidOperationException("An email body needs at least one block.");
        return new EmailBody(
            _text.ToString().TrimEnd() + "\n",
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + _html + "</body></html>\n");
    }

    private void Block(string text, string html)
    {
        if (_text.Length > 0) _text.Append('\n');
        _text.Append(text.Replace("\r\n", "\n")).Append('\n');
        _html.Append(html).Append('\n');
    }

    private static string EncodeLines(string text) =>
        string.Join("<br>", text.Replace("\r\n", "\n").Split('\n').Select(Encode));
}
