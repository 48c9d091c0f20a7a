using System.Globalization;
using PrivacyFunctions.Customers;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>Reminds the customer's DSR contacts of their deadline (7 and 2 days before, see <see cref="DeadlineDue.Reminders"/>).</summary>
public static class CustomerReminder
{
    public static EmailContent Compose(
        string processorName, Customer customer, DsrSummary request, DsrStatus status, int daysBefore, string instructionLink)
    {
        var language = EmailLanguage.Resolve(customer.Locale);
        var texts = DsrEmailTexts.For(language);
        var date = texts.Date(request.Deadline.DueDate);

        var email = new EmailBuilder(language)
            .Paragraph(texts.ReminderBody,
                ("date", date), ("zone", request.Deadline.TimeZone), ("days", daysBefore.ToString(CultureInfo.InvariantCulture)))
            .Facts(
                (texts.Reference, request.RequestId),
                (texts.Type, texts.Types[request.Type]),
                (texts.ReceivedAt, request.ReceivedInZone),
                (texts.Product, request.ProductId),
                (texts.Status, texts.Statuses[status]),
                (texts.Deadline, request.DeadlineText(texts)),
                (texts.Extended, request.ExtensionText(texts)))
            .Link(texts.InstructionLink, instructionLink)
            .Paragraph(texts.Closing, ("processor", processorName));
        return email.Build(EmailBuilder.Fill(texts.ReminderSubject, [("reference", request.RequestId), ("date", date)], encode: false));
    }
}
