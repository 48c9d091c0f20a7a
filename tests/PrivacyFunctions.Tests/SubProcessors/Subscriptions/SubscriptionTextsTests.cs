using PrivacyFunctions.Platform.Localization;
using PrivacyFunctions.SubProcessors.Subscriptions;

namespace PrivacyFunctions.Tests.SubProcessors.Subscriptions;

public sealed class SubscriptionTextsTests
{
    private const string Evil = "<script>alert('x')</script> & \"Co\"";

    [Fact]
    public void Every_language_has_every_text()
    {
        var texts = SubscriptionTexts.ByLanguage; // Localized refuses a missing language or an empty text
        Assert.Equal(Languages.Supported.Order(), texts.Keys.Order());
        foreach (var property in typeof(SubscriptionTexts).GetProperties().Where(p => p.PropertyType == typeof(string)))
            foreach (var language in Languages.Supported)
                Assert.False(string.IsNullOrWhiteSpace((string?)property.GetValue(texts[language])), $"{property.Name} in {language}");
    }

    [Fact]
    public void Other_languages_are_translated_not_copied()
    {
        var english = SubscriptionTexts.ByLanguage["en"];
        foreach (var language in Languages.Supported.Where(l => l != "en"))
            foreach (var property in typeof(SubscriptionTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.Name != "UnsubscribeButton"))
                Assert.NotEqual(property.GetValue(english), property.GetValue(SubscriptionTexts.ByLanguage[language]));
    }

    [Theory]
    [InlineData("en", "Confirm your subscription")]
    [InlineData("nl", "Bevestig uw inschrijving")]
    [InlineData("fr", "Confirmez votre abonnement")]
    [InlineData("de", "Bestätigen Sie Ihr Abonnement")]
    public void The_confirmation_email_renders_in_every_language_with_every_value_encoded(string language, string subject)
    {
        var link = new Uri("https://privacy.test.example/api/subprocessors/subscriptions/confirmation?token=abc.def");

        var email = SubscriptionMail.Confirmation(Evil, language, link, new DateTimeOffset(2026, 3, 17, 9, 0, 0, TimeSpan.Zero));

        Assert.StartsWith(subject, email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.Contains(link.AbsoluteUri, email.Text, StringComparison.Ordinal);
        Assert.Contains("2026-03-17 09:00", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", email.Text, StringComparison.Ordinal);
        Assert.Null(email.UnsubscribeUrl); // not list mail
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("de")]
    public void The_pages_render_in_every_language(string language)
    {
        var pending = new Subscriber("a@mail.example", language, SubscriberStatus.Pending, DateTimeOffset.UnixEpoch, 1, DateTimeOffset.UnixEpoch, null, null, null);
        var self = "/api/x?token=a&b=\"<";

        foreach (var html in new[]
                 {
                     SubscriptionPages.Confirm(pending, self, language), SubscriptionPages.Confirmed(language),
                     SubscriptionPages.Unsubscribe(pending, self, language), SubscriptionPages.Unsubscribed(language),
                 })
        {
            Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
            Assert.DoesNotContain("\"<", html, StringComparison.Ordinal);
            Assert.DoesNotContain("a@mail.example", html, StringComparison.Ordinal);
        }
    }
}
