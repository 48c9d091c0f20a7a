using PrivacyFunctions.Platform.Email.Composition;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>The mailing list's own email: the double opt-in confirmation (not list mail: it carries no unsubscribe headers).</summary>
public static class SubscriptionMail
{
    public static EmailContent Confirmation(string processorName, string language, Uri confirmationUrl, DateTimeOffset expiresAt)
    {
        var mail = new MailComposer(language);
        var texts = SubscriptionTexts.For(mail.Language);
        (string, string) processor = ("processor", processorName);
        return mail.Greeting()
            .Paragraph(texts.ConfirmIntro, processor)
            .Paragraph(texts.ConfirmAction)
            .Link(texts.ConfirmLink, confirmationUrl.AbsoluteUri)
            .Paragraph(texts.ConfirmExpiry, ("time", mail.Time(expiresAt)))
            .Paragraph(texts.ConfirmIgnore)
            .Closing(processorName)
            .Build(texts.ConfirmSubject, processor);
    }
}
