using PrivacyFunctions.Customers;

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
        var language = EmailLanguage.Resolve(subject.Locale, customer.Locale);
        var texts = DsrEmailTexts.For(language);
        (string, string) processor = ("processor", processorName), name = ("customer", customer.Name);

        var email = new EmailBuilder(language);
        if (string.IsNullOrWhiteSpace(subject.Name)) email.Paragraph(texts.Greeting);
        else email.Paragraph(texts.GreetingNamed, ("name", subject.Name));
        email.Paragraph(texts.ReferralReceived, processor)
            .Paragraph(texts.ReferralController, name)
            .Paragraph(texts.ReferralContact, name);
        if (customer.EndUserContact.Email is { } contactEmail)
            email.Link(texts.ContactEmail, "mailto:" + contactEmail, contactEmail);
        if (customer.EndUserContact.Url is { } contactUrl)
            email.Link(texts.ContactWeb, contactUrl);
        email.Paragraph(texts.ReferralNotAnAnswer)
            .Facts((texts.Reference, requestId))
            .Paragraph(texts.Closing, processor);
        return email.Build(EmailBuilder.Fill(texts.ReferralSubject, [name], encode: false));
    }
}
