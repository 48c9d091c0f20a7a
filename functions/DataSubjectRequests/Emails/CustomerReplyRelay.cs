using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>
/// The only later email to the end-user: a message the customer's instruction explicitly asked us to pass on
/// (SCC cl. 8: no further response without the controller). The customer's text is relayed as written; the
/// sentences around it are in the end-user's language (as the referral: the subject's locale, else the
/// customer's, else English).
/// </summary>
public static class CustomerReplyRelay
{
    public static EmailContent Compose(string processorName, Customer customer, DsrSubject subject, string requestId, string message)
    {
        var mail = new MailComposer(Languages.Resolve(subject.Locale, customer.Locale), customer.TimeZone);
        var texts = DsrEmailTexts.For(mail.Language);
        (string, string) name = ("customer", customer.Name), reference = ("reference", requestId);

        return mail.Greeting(subject.Name)
            .Paragraph(texts.RelayIntro, name, ("processor", processorName), reference)
            .Text(message)
            .Paragraph(texts.RelayFurther, name)
            .CustomerContact(texts, customer)
            .Facts((texts.Reference, requestId))
            .Closing(processorName)
            .Build(texts.RelaySubject, name, reference);
    }
}
