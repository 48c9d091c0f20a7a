using PrivacyFunctions.Customers;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>Tells the customer's DSR contacts that the product carried out the instructed action.</summary>
public static class CustomerOutcome
{
    public static EmailContent Compose(
        string processorName, Customer customer, DsrSummary request, AssistAction action, DateTimeOffset completedAt)
    {
        var language = EmailLanguage.Resolve(customer.Locale);
        var texts = DsrEmailTexts.For(language);
        var actionName = texts.Actions[action];

        var email = new EmailBuilder(language)
            .Paragraph(texts.OutcomeBody, ("product", request.ProductId), ("action", actionName))
            .Facts(
                (texts.Reference, request.RequestId),
                (texts.Type, texts.Types[request.Type]),
                (texts.Action, actionName),
                (texts.CompletedAt, DsrSummary.InZone(completedAt, request.Deadline.TimeZone)),
                (texts.Product, request.ProductId),
                (texts.Deadline, request.DeadlineText(texts)))
            .Paragraph(texts.Closing, ("processor", processorName));
        return email.Build(EmailBuilder.Fill(texts.OutcomeSubject, [("reference", request.RequestId), ("action", actionName)], encode: false));
    }
}
