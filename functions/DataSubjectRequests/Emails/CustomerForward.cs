using PrivacyFunctions.Customers;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>The request as sent to each of the customer's DSR contacts, with the signed instruction link.</summary>
public static class CustomerForward
{
    /// <summary>In the customer's locale if supported, else English.</summary>
    public static EmailContent Compose(
        string processorName, Customer customer, DsrSummary request, DsrSubject subject,
        string? channel, string? message, string instructionLink)
    {
        var language = EmailLanguage.Resolve(customer.Locale);
        var texts = DsrEmailTexts.For(language);
        var type = texts.Types[request.Type];

        var email = new EmailBuilder(language)
            .Paragraph(texts.ForwardIntro, ("processor", processorName))
            .Facts(
                (texts.Reference, request.RequestId),
                (texts.Type, type),
                (texts.ReceivedAt, request.ReceivedInZone),
                (texts.Product, request.ProductId),
                (texts.Channel, channel),
                (texts.SubjectEmail, subject.Email),
                (texts.SubjectName, subject.Name),
                (texts.Deadline, request.DeadlineText(texts)),
                (texts.Extended, request.ExtensionText(texts)))
            .Quote(texts.Message, message)
            .Paragraph(texts.ForwardHold)
            .Paragraph(texts.ForwardExtension)
            .Link(texts.InstructionLink, instructionLink)
            .Paragraph(texts.LinkIsPersonal)
            .Paragraph(texts.Closing, ("processor", processorName));
        return email.Build(EmailBuilder.Fill(texts.ForwardSubject,
            [("type", type), ("product", request.ProductId), ("date", texts.Date(request.Deadline.DueDate))], encode: false));
    }
}
