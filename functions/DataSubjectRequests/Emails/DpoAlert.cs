using PrivacyFunctions.Customers;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>
/// Alerts to the DPO office (English). They name the request and the customer but carry none of the
/// end-user's personal data: the DPO can look the request up.
/// </summary>
public static class DpoAlert
{
    public static EmailContent Compose(
        EscalationReason reason, Customer customer, DsrSummary request, DsrStatus status, TimeSpan forwardWithin)
    {
        var (subject, what, action) = reason switch
        {
            EscalationReason.NoDsrContact => (
                "DSR {reference} cannot be forwarded: {customer} has no DSR contact",
                "Customer {customer} ({customerId}) has no DSR contact, so data subject request {reference} cannot be forwarded to it. The end-user was referred to the customer.",
                "Inform the customer by other means and add a dsr contact to the customer record; the customer's deadline runs regardless."),
            EscalationReason.ForwardingOverdue => (
                "DSR {reference} not forwarded within {within}",
                "Data subject request {reference} for customer {customer} ({customerId}) was not forwarded within {within} of receipt.",
                "The sweep re-drives the forwarding; check the dsr-forwarding queue, its poison queue and the email transport."),
            EscalationReason.DeadlineOverdue => (
                "DSR {reference}: {customer}'s deadline has passed",
                "The deadline of customer {customer} ({customerId}) for data subject request {reference} passed while the request is still {status}.",
                "Follow up with the customer; the processor still must not answer the end-user without the customer's instruction."),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown escalation reason."),
        };
        (string, string)[] values =
        [
            ("reference", request.RequestId), ("customer", customer.Name), ("customerId", customer.CustomerId),
            ("within", Duration(forwardWithin)), ("status", status.ToWire()),
        ];
        var texts = DsrEmailTexts.For(EmailLanguage.English);
        var email = new EmailBuilder(EmailLanguage.English)
            .Paragraph(what, values)
            .Facts(
                ("Alert", reason.ToWire()),
                ("Request", request.RequestId),
                ("Customer", $"{customer.Name} ({customer.CustomerId})"),
                ("Product", request.ProductId),
                ("Type", request.Type.ToWire()),
                ("Status", status.ToWire()),
                ("Received", request.ReceivedInZone),
                ("Customer deadline", request.DeadlineText(texts) + $" = {request.Deadline.DueAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"))
            .Paragraph(action);
        return email.Build(EmailBuilder.Fill(subject, values, encode: false));
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 && span.Seconds == 0 ? $"{span.TotalHours:0} hours" : $"{span.TotalMinutes:0} minutes";
}
