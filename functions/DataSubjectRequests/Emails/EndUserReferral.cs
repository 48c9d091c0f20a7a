using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>
/// The one email the end-user gets on our own initiative: we received the request, the customer (the
/// controller) decides on it, and how to reach the customer. It must not answer the request — no data, and
/// no hint whether data about the person exists (Art. 12(3), 28(3)(e); SCC clause 8).
/// </summary>
public static class EndUserReferral
{
    /// <summary>In the subject's locale if supported, else the customer's, else English.</summary>
    public static EmailContent Compose(string processorName, Customer customer, DsrSubject subject, string requestId)
    {
        var mail = new MailComposer(Languages.Resolve(subject.Locale, customer.Locale), customer.TimeZone);
        var texts = DsrEmailTexts.For(mail.Language);
        (string, string) processor = ("processor", processorName), name = ("customer", customer.Name);

        return mail.Greeting(subject.Name)
            .Paragraph(texts.ReferralReceived, processor)
            .Paragraph(texts.ReferralController, name)
            .Paragraph(texts.ReferralContact, name)
            .CustomerContact(texts, customer)
            .Paragraph(texts.ReferralNotAnAnswer)
            .Facts((texts.Reference, requestId))
            .Closing(processorName)
            .Build(texts.ReferralSubject, name);
    }

    /// <summary>How the end-user reaches the customer: its end-user contact email and/or web page.</summary>
    internal static MailComposer CustomerContact(this MailComposer mail, DsrEmailTexts texts, Customer customer)
    {
        if (customer.EndUserContact.Email is { } email) mail.EmailAddress(texts.ContactEmail, email);
        if (customer.EndUserContact.Url is { } url) mail.Link(texts.ContactWeb, url);
        return mail;
    }
}
