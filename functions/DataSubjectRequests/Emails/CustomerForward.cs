using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>The request as sent to each of the customer's DSR contacts, with the signed instruction link.</summary>
public static class CustomerForward
{
    /// <summary>In the customer's locale if supported, else English.</summary>
    public static EmailContent Compose(
        string processorName, Customer customer, DsrSummary request, DsrSubject subject,
        string? channel, string? message, string instructionLink)
    {
        var mail = request.Composer(Languages.Resolve(customer.Locale));
        var texts = DsrEmailTexts.For(mail.Language);
        var type = texts.Types[request.Type];

        return mail
            .Paragraph(texts.ForwardIntro, ("processor", processorName))
            .Facts(
                (texts.Reference, request.RequestId),
                (texts.Type, type),
                (texts.ReceivedAt, request.ReceivedIn(mail)),
                (texts.Product, request.ProductId),
                (texts.Channel, channel),
                (texts.SubjectEmail, subject.Email),
                (texts.SubjectName, subject.Name),
                (texts.Deadline, request.DeadlineText(mail, texts)),
                (texts.Extended, request.ExtensionText(texts)))
            .Quote(texts.Message, message)
            .Paragraph(texts.ForwardHold)
            .Paragraph(texts.ForwardExtension)
            .Link(texts.InstructionLink, instructionLink)
            .Paragraph(texts.LinkIsPersonal)
            .Closing(processorName)
            .Build(texts.ForwardSubject, ("type", type), ("product", request.ProductId), ("date", mail.Date(request.Deadline.DueDate)));
    }
}
