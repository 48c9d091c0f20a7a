using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.Tests.Platform.Email;

public sealed class MailComposerTests
{
    private const string Evil = "<script>alert('x')</script> & {name} \"quotes\"";

    private sealed record SampleTexts(string Subject, string Body);

    // ---- languages and text records ----

    [Fact]
    public void A_text_record_must_exist_in_every_language_the_app_offers_with_no_empty_text()
    {
        var complete = Languages.Supported.ToDictionary(l => l, l => new SampleTexts($"Subject {l}", $"Body {l}"));
        var missingLanguage = complete.Where(t => t.Key != "fr").ToDictionary();
        var emptyText = complete.ToDictionary(t => t.Key, t => t.Key == "de" ? t.Value with { Body = " " } : t.Value);

        Assert.Equal("Body nl", new Localized<SampleTexts>(complete).For("nl").Body);
        Assert.Equal("Body en", new Localized<SampleTexts>(complete).For("es").Body); // not offered: English
        Assert.Contains("missing: fr", Assert.Throws<InvalidOperationException>(() => new Localized<SampleTexts>(missingLanguage)).Message, StringComparison.Ordinal);
        Assert.Contains("SampleTexts.Body is missing in 'de'", Assert.Throws<InvalidOperationException>(() => new Localized<SampleTexts>(emptyText)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_common_texts_exist_in_every_language()
    {
        Assert.Equal(Languages.Supported.Order(), CommonTexts.ByLanguage.Keys.Order());
        Assert.All(Languages.Supported, l => Assert.Equal(12, CommonTexts.For(l).MonthNames.Count));
    }

    [Theory]
    [InlineData("en", "Hello Jan,", "Kind regards,\nPay Group", "28 February 2026")]
    [InlineData("nl-BE", "Beste Jan,", "Met vriendelijke groet,\nPay Group", "28 februari 2026")]
    [InlineData("fr", "Bonjour Jan,", "Cordialement,\nPay Group", "28 février 2026")]
    [InlineData("de", "Guten Tag Jan,", "Mit freundlichen Grüßen\nPay Group", "28. Februar 2026")]
    [InlineData("it", "Hello Jan,", "Kind regards,\nPay Group", "28 February 2026")]
    public void Greeting_closing_and_dates_are_in_the_recipients_language_and_times_in_the_customers_zone(string locale, string greeting, string closing, string date)
    {
        var mail = new MailComposer(locale, "Europe/Brussels");

        var email = mail.Greeting("Jan").Paragraph("{date} / {time}", ("date", mail.Date(new DateOnly(2026, 2, 28))),
                ("time", mail.Time(new DateTimeOffset(2026, 1, 30, 23, 30, 0, TimeSpan.Zero))))
            .Closing("Pay Group").Build("Subject");

        Assert.StartsWith(greeting + "\n\n", email.Text, StringComparison.Ordinal);
        Assert.Contains($"{date} / 2026-01-31 00:30 (Europe/Brussels)", email.Text, StringComparison.Ordinal);
        Assert.EndsWith(closing + "\n", email.Text, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{mail.Language}\">", email.Html, StringComparison.Ordinal);
        Assert.Equal("Hello,", new MailComposer("en").Greeting(" ").Build("s").Text.TrimEnd());
    }

    // ---- encoding of user text ----

    [Fact]
    public void User_text_is_html_encoded_in_every_block_and_kept_as_typed_in_the_text_part()
    {
        var email = new MailComposer("en")
            .Paragraph("From {customer}:", ("customer", Evil))
            .Facts(("Name", Evil), ("Absent", null))
            .Quote("Message", Evil + "\nline 2")
            .Text(Evil)
            .Link("Link", "https://example.test/a?b=1&c=<2>")
            .Build("About {customer}", ("customer", Evil));

        Assert.DoesNotContain("<script", email.Html, StringComparison.Ordinal);
        Assert.Equal(5, email.Html.Split("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; {name} &quot;quotes&quot;").Length - 1); // 4 blocks + title
        Assert.Contains("href=\"https://example.test/a?b=1&amp;c=&lt;2&gt;\"", email.Html, StringComparison.Ordinal);
        Assert.Contains("From " + Evil + ":", email.Text, StringComparison.Ordinal);
        Assert.Contains("> " + Evil + "\n> line 2", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Absent", email.Text, StringComparison.Ordinal);
        Assert.Equal("About " + Evil, email.Subject); // user text in a value is never read as a placeholder
    }

    [Fact]
    public void An_email_address_shows_as_the_address_in_text_and_a_mailto_anchor_in_html()
    {
        var email = new MailComposer("en").EmailAddress("Email", "rights@acme.example").Link("Bad", "javascript:alert(1)").Build("s");

        Assert.Contains("Email: rights@acme.example\n", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("mailto:", email.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:rights@acme.example\">rights@acme.example</a>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_without_a_value_is_an_error_not_a_blank()
    {
        Assert.Throws<InvalidOperationException>(() => new MailComposer("en").Paragraph("Dear {name},"));
    }

    // ---- sanitising ----

    [Fact]
    public void Subjects_and_display_names_are_one_bounded_line()
    {
        var email = new MailComposer("en").Text("x").Build("Notice about {customer}", ("customer", "Acme\r\nBcc: evil@example.test\t" + new string('n', 300)));
        var recipient = MailHeaders.Recipient(new EmailRecipient("a@b.example", "Jan\nBcc: x@y.example " + new string('j', 200)));

        Assert.DoesNotContain(email.Subject, char.IsControl);
        Assert.Equal(EmailOutbox.MaxSubjectLength, email.Subject.Length);
        Assert.StartsWith("Notice about Acme Bcc: evil@example.test n", email.Subject, StringComparison.Ordinal);
        Assert.EndsWith("…", email.Subject, StringComparison.Ordinal);
        Assert.Equal(MailHeaders.MaxDisplayNameLength, recipient.DisplayName!.Length);
        Assert.DoesNotContain(recipient.DisplayName, char.IsControl);
        Assert.Equal(email.Subject, MailHeaders.Subject(email.Subject)); // applying it again changes nothing
        Assert.Null(MailHeaders.Recipient(new EmailRecipient("a@b.example")).DisplayName);
    }

    // ---- list mail ----

    [Fact]
    public void List_mail_carries_its_unsubscribe_url_and_a_visible_link_in_the_recipients_language()
    {
        var url = new Uri("https://privacy.example/api/unsubscribe?token=abc");

        var english = new MailComposer("en").Text("News").Unsubscribe(url).Build("s");
        var german = new MailComposer("de").Text("News").Unsubscribe(url).Build("s");
        var single = new MailComposer("en").Text("Notice").Build("s");

        Assert.Equal(url, english.UnsubscribeUrl);
        Assert.Contains("Unsubscribe from these emails: https://privacy.example/api/unsubscribe?token=abc", english.Text, StringComparison.Ordinal);
        Assert.Contains("Diese E-Mails abbestellen: ", german.Text, StringComparison.Ordinal);
        Assert.Null(single.UnsubscribeUrl);
        Assert.Throws<ArgumentException>(() => new MailComposer("en").Unsubscribe(new Uri("mailto:leave@example.test")));
    }
}
