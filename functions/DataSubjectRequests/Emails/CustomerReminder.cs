using System.Globalization;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>Reminds the customer's DSR contacts of their deadline (7 and 2 days before, see <see cref="DeadlineDue.Reminders"/>).</summary>
public static class CustomerReminder
{
    public static EmailContent Compose(
        string processorName, Customer customer, DsrSummary request, DsrStatus status, int daysBefore, string instructionLink)
    {
        var mail = request.Composer(Languages.Resolve(customer.Locale));
        var texts = DsrEmailTexts.For(mail.Language);
        var date = mail.Date(request.Deadline.DueDate);

        return mail
            .Paragraph(texts.ReminderBody,
                ("date", date), ("zone", request.Deadline.TimeZone), ("days", daysBefore.ToString(CultureInfo.InvariantCulture)))
            .Facts(
                (texts.Reference, request.RequestId),
                (texts.Type, texts.Types[request.Type]),
                (texts.ReceivedAt, request.ReceivedIn(mail)),
                (texts.Product, request.ProductId),
                (texts.Status, texts.Statuses[status]),
                (texts.Deadline, request.DeadlineText(mail, texts)),
                (texts.Extended, request.ExtensionText(texts)))
            .Link(texts.InstructionLink, instructionLink)
            .Closing(processorName)
            .Build(texts.ReminderSubject, ("reference", request.RequestId), ("date", date));
    }
}
