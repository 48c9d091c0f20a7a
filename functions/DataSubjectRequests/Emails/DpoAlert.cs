using System.Globalization;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>
/// Alerts to the DPO office, in the office's language (<see cref="DsrMail"/> writes English). They name the request
/// and the customer but carry none of the end-user's personal data: the DPO can look the request up. Type and status
/// are given by their wire names, as the DPO searches for them.
/// </summary>
public static class DpoAlert
{
    public static EmailContent Compose(
        EscalationReason reason, Customer customer, DsrSummary request, DsrStatus status, TimeSpan forwardWithin, string language = Languages.English)
    {
        var mail = request.Composer(language);
        var texts = DsrEmailTexts.For(mail.Language);
        var alert = texts.Alerts.TryGetValue(reason, out var known) ? known
            : throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown escalation reason.");
        (string, string)[] values =
        [
            ("reference", request.RequestId), ("customer", customer.Name), ("customerId", customer.CustomerId),
            ("within", Duration(texts, forwardWithin)), ("status", status.ToWire()),
        ];
        var utc = request.Deadline.DueAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return mail
            .Paragraph(alert.What, values)
            .Facts(
                (texts.AlertLabel, reason.ToWire()),
                (texts.AlertRequest, request.RequestId),
                (texts.AlertCustomer, $"{customer.Name} ({customer.CustomerId})"),
                (texts.Product, request.ProductId),
                (texts.Type, request.Type.ToWire()),
                (texts.Status, status.ToWire()),
                (texts.ReceivedAt, request.ReceivedIn(mail)),
                (texts.AlertDeadline, request.DeadlineText(mail, texts) + Fill(texts.AlertDeadlineUtc, ("utc", utc))))
            .Paragraph(alert.Action)
            .Build(alert.Subject, values);
    }

    private static string Duration(DsrEmailTexts texts, TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 && span.Seconds == 0
            ? Fill(texts.Hours, ("hours", span.TotalHours.ToString("0", CultureInfo.InvariantCulture)))
            : Fill(texts.Minutes, ("minutes", span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)));

    private static string Fill(string template, params (string Name, string Value)[] values) =>
        TextTemplate.Fill(template, values, encode: false);
}
