using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>Tells the customer's DSR contacts that the product carried out the instructed action.</summary>
public static class CustomerOutcome
{
    public static EmailContent Compose(
        string processorName, Customer customer, DsrSummary request, AssistAction action, DateTimeOffset completedAt)
    {
        var mail = request.Composer(Languages.Resolve(customer.Locale));
        var texts = DsrEmailTexts.For(mail.Language);
        var actionName = texts.Actions[action];

        return mail
            .Paragraph(texts.OutcomeBody, ("product", request.ProductId), ("action", actionName))
            .Facts(
                (texts.Reference, request.RequestId),
                (texts.Type, texts.Types[request.Type]),
                (texts.Action, actionName),
                (texts.CompletedAt, mail.Time(completedAt)),
                (texts.Product, request.ProductId),
                (texts.Deadline, request.DeadlineText(mail, texts)))
            .Closing(processorName)
            .Build(texts.OutcomeSubject, ("reference", request.RequestId), ("action", actionName));
    }
}
