using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.DataSubjectRequests.Emails;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

public sealed class DsrEmailTests
{
    private const string Processor = "Example Payments Group";
    private const string Link = "https://privacy.example/api/dsr/req-1/instruction?token=abc&sig=def";
    private const string Evil = "<script>alert('x')</script> & \"quotes\"";

    private static Customer Customer(string name = "Acme Invoicing BV", string locale = "en", string? contactEmail = "rights@acme.example", string? contactUrl = "https://acme.example/privacy") =>
        new("acme", name, new CustomerContacts(["dpo@acme.example"], [], ["dsr@acme.example"]),
            new EndUserContact(contactEmail, contactUrl), locale, "Europe/Brussels", ["einvoicing"]);

    private static readonly DsrSubject Subject = new("jan@mail.example", "Jan Peeters", "nl-BE");

    private static DsrSummary Summary(int extensionMonths = 0)
    {
        var received = new DateTimeOffset(2026, 1, 30, 23, 30, 0, TimeSpan.Zero); // 31 Jan 00:30 in Brussels
        return new DsrSummary("req-1", "einvoicing", DsrType.Erasure, received, CustomerDeadline.Compute(received, "Europe/Brussels", extensionMonths));
    }

    // ---- language ----

    [Theory]
    [InlineData("nl-BE", "fr", "nl")]  // the subject's locale, by its language
    [InlineData("es", "fr-BE", "fr")]  // unsupported subject locale: the customer's
    [InlineData(null, "de", "de")]
    [InlineData("", "de-AT", "de")]
    [InlineData("es-ES", "it", "en")]  // neither supported: English
    [InlineData(null, null, "en")]
    [InlineData("DE", "fr", "de")]
    public void The_language_is_the_subjects_then_the_customers_then_English(string? subjectLocale, string? customerLocale, string expected) =>
        Assert.Equal(expected, Languages.Resolve(subjectLocale, customerLocale));

    [Theory]
    [InlineData("nl-BE", "nl", "Neem voor uw verzoek rechtstreeks contact op met")]
    [InlineData("fr-FR", "fr", "Veuillez contacter directement")]
    [InlineData("de", "de", "Bitte wenden Sie sich mit Ihrer Anfrage direkt an")]
    [InlineData("es", "en", "Please contact Acme Invoicing BV directly")]
    public void The_referral_is_written_in_the_resolved_language(string subjectLocale, string language, string phrase)
    {
        var email = EndUserReferral.Compose(Processor, Customer(locale: "it"), Subject with { Locale = subjectLocale }, "req-1");

        Assert.Contains(phrase, email.Text, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_referral_falls_back_to_the_customers_language()
    {
        var email = EndUserReferral.Compose(Processor, Customer(locale: "fr-BE"), Subject with { Locale = "pt-PT" }, "req-1");

        Assert.StartsWith("Votre demande concernant vos données personnelles", email.Subject, StringComparison.Ordinal);
    }

    // ---- end-user referral ----

    [Fact]
    public void The_referral_names_processor_and_customer_and_says_how_to_reach_the_customer()
    {
        var email = EndUserReferral.Compose(Processor, Customer(), Subject with { Locale = "en" }, "req-1");

        Assert.Equal("Your request about your personal data: please contact Acme Invoicing BV", email.Subject);
        Assert.Contains("Hello Jan Peeters,", email.Text, StringComparison.Ordinal);
        Assert.Contains("Example Payments Group has received your request", email.Text, StringComparison.Ordinal);
        Assert.Contains("Only Acme Invoicing BV can decide on your request", email.Text, StringComparison.Ordinal);
        Assert.Contains("Email: rights@acme.example\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("Web: https://acme.example/privacy", email.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:rights@acme.example\">rights@acme.example</a>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://acme.example/privacy\">", email.Html, StringComparison.Ordinal);
        Assert.Contains("Reference: req-1", email.Text, StringComparison.Ordinal);
        Assert.EndsWith("Kind regards,\nExample Payments Group\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Kind regards,<br>\nExample Payments Group</p>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_referral_gives_whichever_customer_contact_exists()
    {
        var urlOnly = EndUserReferral.Compose(Processor, Customer(contactEmail: null), Subject, "req-1");
        var emailOnly = EndUserReferral.Compose(Processor, Customer(contactUrl: null), Subject, "req-1");

        Assert.Contains("https://acme.example/privacy", urlOnly.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("mailto:", urlOnly.Text, StringComparison.Ordinal);
        Assert.Contains("rights@acme.example", emailOnly.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", emailOnly.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_referral_does_not_answer_the_request()
    {
        foreach (var language in Languages.Supported)
        {
            var email = EndUserReferral.Compose(Processor, Customer(), Subject with { Locale = language }, "req-1");
            var texts = DsrEmailTexts.For(language);

            // Nothing about the request's substance: not its type, not the address it came from, no "we hold/found".
            foreach (var body in new[] { email.Subject, email.Text, email.Html })
            {
                Assert.DoesNotContain(Subject.Email, body, StringComparison.OrdinalIgnoreCase);
                Assert.All(texts.Types.Values.Where(t => t.Length > 6), type => Assert.DoesNotContain(type, body, StringComparison.OrdinalIgnoreCase));
            }
            Assert.Contains(texts.ReferralNotAnAnswer, email.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Customer_and_subject_names_are_HTML_encoded_in_the_referral()
    {
        var email = EndUserReferral.Compose("Pay & Co <Group>", Customer(name: "Acme <b>&</b> \"Co\""), Subject with { Name = Evil, Locale = "en" }, "req-1");

        Assert.Contains("Acme &lt;b&gt;&amp;&lt;/b&gt; &quot;Co&quot;", email.Html, StringComparison.Ordinal);
        Assert.Contains("Pay &amp; Co &lt;Group&gt;", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.Contains("Acme <b>&</b> \"Co\"", email.Text, StringComparison.Ordinal); // plain text stays as typed
    }

    [Fact]
    public void The_referral_text_part_gives_the_customers_address_not_a_mailto_target_in_every_language()
    {
        foreach (var language in Languages.Supported)
        {
            var email = EndUserReferral.Compose(Processor, Customer(), Subject with { Locale = language }, "req-1");

            Assert.DoesNotContain("mailto:", email.Text, StringComparison.Ordinal);
            Assert.Contains($"{DsrEmailTexts.For(language).ContactEmail}: rights@acme.example\n", email.Text, StringComparison.Ordinal);
            Assert.Contains("<a href=\"mailto:rights@acme.example\">rights@acme.example</a>", email.Html, StringComparison.Ordinal);
        }
    }

    // ---- customer reply relay ----

    [Fact]
    public void The_relayed_reply_is_in_the_end_users_language_and_carries_the_customers_text_as_written()
    {
        const string message = "We deleted your account {id}.\nRegards <b>Acme</b>";
        var english = CustomerReplyRelay.Compose(Processor, Customer(), Subject with { Locale = "en" }, "req-1", message);
        var dutch = CustomerReplyRelay.Compose(Processor, Customer(locale: "fr"), Subject, "req-1", message);       // nl-BE subject
        var french = CustomerReplyRelay.Compose(Processor, Customer(locale: "fr"), Subject with { Locale = "pt" }, "req-1", message);

        Assert.Equal("Message from Acme Invoicing BV about your request req-1", english.Subject);
        Assert.Contains("Acme Invoicing BV asked Example Payments Group to pass on this message about your request (reference req-1):", english.Text, StringComparison.Ordinal);
        Assert.Contains(message, english.Text, StringComparison.Ordinal);
        Assert.Contains("We deleted your account {id}.<br>\nRegards &lt;b&gt;Acme&lt;/b&gt;", english.Html, StringComparison.Ordinal);
        Assert.Contains("Email: rights@acme.example", english.Text, StringComparison.Ordinal);
        Assert.Contains("Web: https://acme.example/privacy", english.Text, StringComparison.Ordinal);
        Assert.Equal("Bericht van Acme Invoicing BV over uw verzoek req-1", dutch.Subject);
        Assert.Contains("<html lang=\"nl\">", dutch.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", french.Html, StringComparison.Ordinal);
        Assert.Contains(message, french.Text, StringComparison.Ordinal);
    }

    // ---- customer forward ----

    [Fact]
    public void The_forward_carries_every_fact_the_customer_needs()
    {
        var email = CustomerForward.Compose(Processor, Customer(), Summary(), Subject, "support-chat",
            "Please delete my account.\nThanks", Link);

        Assert.Equal("Data subject request (erasure) via einvoicing: answer due 28 February 2026", email.Subject);
        Assert.Contains("Reference: req-1", email.Text, StringComparison.Ordinal);
        Assert.Contains("Type: erasure", email.Text, StringComparison.Ordinal);
        Assert.Contains("Received: 2026-01-31 00:30 (Europe/Brussels)", email.Text, StringComparison.Ordinal);
        Assert.Contains("Product: einvoicing", email.Text, StringComparison.Ordinal);
        Assert.Contains("Channel: support-chat", email.Text, StringComparison.Ordinal);
        Assert.Contains("End-user email: jan@mail.example", email.Text, StringComparison.Ordinal);
        Assert.Contains("End-user name: Jan Peeters", email.Text, StringComparison.Ordinal);
        Assert.Contains("Your deadline: 28 February 2026, end of day (Europe/Brussels)", email.Text, StringComparison.Ordinal);
        Assert.Contains("> Please delete my account.\n> Thanks", email.Text, StringComparison.Ordinal);
        Assert.Contains(Link, email.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://privacy.example/api/dsr/req-1/instruction?token=abc&amp;sig=def\">", email.Html, StringComparison.Ordinal);
        Assert.Contains("without your instruction", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Extension recorded", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_forward_encodes_the_message_and_the_subjects_details_in_HTML()
    {
        var email = CustomerForward.Compose(Processor, Customer(), Summary(), new DsrSubject("a@b.example", Evil, null), Evil,
            "line 1 <img src=x onerror=alert(1)>\nline 2 & more", Link);

        Assert.Contains("line 1 &lt;img src=x onerror=alert(1)&gt;<br>\nline 2 &amp; more", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_forward_is_in_the_customers_language_when_supported_and_shows_an_extension()
    {
        var dutch = CustomerForward.Compose(Processor, Customer(locale: "nl-BE"), Summary(extensionMonths: 2), Subject, null, null, Link);
        var italian = CustomerForward.Compose(Processor, Customer(locale: "it-IT"), Summary(), Subject, null, null, Link);

        Assert.Contains("Uw termijn: 30 april 2026, einde van de dag (Europe/Brussels)", dutch.Text, StringComparison.Ordinal);
        Assert.Contains("Soort: wissing", dutch.Text, StringComparison.Ordinal);
        Assert.Contains("Verlenging geregistreerd: met 2 maand(en)", dutch.Text, StringComparison.Ordinal);
        Assert.StartsWith("Data subject request (erasure)", italian.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Channel:", italian.Text, StringComparison.Ordinal); // absent facts are left out
        Assert.DoesNotContain("Message from the end-user", italian.Text, StringComparison.Ordinal);
    }

    // ---- reminder, outcome ----

    [Fact]
    public void The_reminder_gives_the_deadline_the_days_left_the_status_and_the_link()
    {
        var email = CustomerReminder.Compose("Pay & Co", Customer(), Summary(), DsrStatus.Acknowledged, 7, Link);

        Assert.Equal("Reminder: data subject request req-1 is due 28 February 2026", email.Subject);
        Assert.Contains("28 February 2026, end of day (Europe/Brussels), in 7 days", email.Text, StringComparison.Ordinal);
        Assert.Contains("Status: acknowledged", email.Text, StringComparison.Ordinal);
        Assert.Contains(Link, email.Text, StringComparison.Ordinal);
        Assert.Contains("Pay &amp; Co", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_outcome_says_which_product_did_what_and_when()
    {
        var email = CustomerOutcome.Compose(Processor, Customer(locale: "de-DE"), Summary(), AssistAction.Erase,
            new DateTimeOffset(2026, 2, 10, 14, 5, 0, TimeSpan.Zero));

        Assert.Equal("Anfrage req-1: Löschung ausgeführt", email.Subject);
        Assert.Contains("einvoicing hat Ihre Weisung (Löschung)", email.Text, StringComparison.Ordinal);
        Assert.Contains("Ausgeführt: 2026-02-10 15:05 (Europe/Brussels)", email.Text, StringComparison.Ordinal);
        Assert.Contains("Ihre Frist: 28. Februar 2026, Tagesende (Europe/Brussels)", email.Text, StringComparison.Ordinal);
    }

    // ---- DPO alerts ----

    [Theory]
    [InlineData(EscalationReason.NoDsrContact, "DSR req-1 cannot be forwarded: Acme & Sons has no DSR contact", "has no DSR contact")]
    [InlineData(EscalationReason.ForwardingOverdue, "DSR req-1 not forwarded within 24 hours", "was not forwarded within 24 hours of receipt")]
    [InlineData(EscalationReason.DeadlineOverdue, "DSR req-1: Acme & Sons's deadline has passed", "passed while the request is still acknowledged")]
    public void A_DPO_alert_names_the_request_customer_and_problem_without_the_end_users_data(EscalationReason reason, string subject, string phrase)
    {
        var email = DpoAlert.Compose(reason, Customer(name: "Acme & Sons"), Summary(), DsrStatus.Acknowledged, TimeSpan.FromHours(24));

        Assert.Equal(subject, email.Subject);
        Assert.Contains(phrase, email.Text, StringComparison.Ordinal);
        Assert.Contains("Customer: Acme & Sons (acme)", email.Text, StringComparison.Ordinal);
        Assert.Contains("Customer deadline: 28 February 2026, end of day (Europe/Brussels) = 2026-02-28 23:00 UTC", email.Text, StringComparison.Ordinal);
        Assert.Contains("Acme &amp; Sons", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme & Sons", email.Html, StringComparison.Ordinal);
    }

    // ---- every template, every language ----

    /// <summary>Every email the DSR flow sends, rendered in one language with hostile values everywhere a value goes.</summary>
    private static IEnumerable<(string Template, EmailContent Email)> EveryTemplate(string language)
    {
        var customer = Customer(name: Evil, locale: language);
        var subject = new DsrSubject("x@y.example", Evil, language);
        yield return ("referral", EndUserReferral.Compose(Evil, customer, subject, "req-1"));
        foreach (var type in Enum.GetValues<DsrType>())
            yield return ($"forward.{type}", CustomerForward.Compose(Evil, customer, Summary(1) with { Type = type }, subject, Evil, Evil, Link));
        foreach (var status in Enum.GetValues<DsrStatus>())
            yield return ($"reminder.{status}", CustomerReminder.Compose(Evil, customer, Summary(), status, 2, Link));
        foreach (var action in Enum.GetValues<AssistAction>())
            yield return ($"outcome.{action}", CustomerOutcome.Compose(Evil, customer, Summary(), action, DateTimeOffset.UnixEpoch));
        yield return ("reply-relay", CustomerReplyRelay.Compose(Evil, customer, subject, "req-1", Evil));
        foreach (var reason in Enum.GetValues<EscalationReason>())
            yield return ($"dpo-alert.{reason}", DpoAlert.Compose(reason, customer, Summary(), DsrStatus.Forwarded, TimeSpan.FromMinutes(90), language));
    }

    [Fact]
    public void Every_template_renders_in_every_language_with_all_placeholders_filled_and_user_text_encoded()
    {
        Assert.Equal(Languages.Supported.Order(), DsrEmailTexts.ByLanguage.Keys.Order());
        var english = EveryTemplate(Languages.English).ToDictionary(t => t.Template, t => t.Email);
        foreach (var language in Languages.Supported)
        {
            var texts = DsrEmailTexts.ByLanguage[language];
            Assert.Equal(Enum.GetValues<DsrType>().Length, texts.Types.Count);
            Assert.Equal(Enum.GetValues<AssistAction>().Length, texts.Actions.Count);
            Assert.Equal(Enum.GetValues<DsrStatus>().Length, texts.Statuses.Count);
            Assert.Equal(Enum.GetValues<EscalationReason>().Length, texts.Alerts.Count);
            Assert.Equal(12, CommonTexts.For(language).MonthNames.Count);

            var emails = EveryTemplate(language).ToList();
            Assert.Equal(english.Keys, emails.Select(e => e.Template));
            Assert.All(emails, rendered =>
            {
                var (template, email) = rendered;
                Assert.DoesNotContain("{", email.Text + email.Subject, StringComparison.Ordinal);
                Assert.DoesNotContain("<script", email.Html, StringComparison.Ordinal);
                Assert.Contains("&lt;script&gt;", email.Html, StringComparison.Ordinal);
                Assert.Contains(Evil, email.Text, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', email.Subject);
                // In that language: marked so, and written in it rather than fallen back to English.
                Assert.Contains($"<html lang=\"{language}\">", email.Html, StringComparison.Ordinal);
                if (language != Languages.English)
                {
                    Assert.True(english[template].Subject != email.Subject, $"{template} has no {language} subject");
                    Assert.True(english[template].Text != email.Text, $"{template} has no {language} text");
                }
            });
        }
    }

    [Fact]
    public void A_link_that_is_not_http_or_mailto_is_shown_as_text_not_as_an_anchor()
    {
        var email = CustomerForward.Compose(Processor, Customer(), Summary(), Subject, null, null, "javascript:alert(1)");

        Assert.DoesNotContain("href=\"javascript:", email.Html, StringComparison.Ordinal);
        Assert.Contains("javascript:alert(1)", email.Html, StringComparison.Ordinal);
    }
}
