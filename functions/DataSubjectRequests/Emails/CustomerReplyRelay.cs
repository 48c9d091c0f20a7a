using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>
/// The only later email to the end-user: a message the customer's instruction explicitly asked us to pass on
/// (SCC cl. 8: no further response without the controller). The customer's text is relayed as written.
/// </summary>
public static class CustomerReplyRelay
{
    public static EmailContent Compose(string processorName, Customer customer, string requestId, string message)
    {
        var body = EmailBody.FromParagraphs(
            $"{customer.Name} asked {processorName} to pass on this message about your request (reference {requestId}):",
            message,
            $"For anything further, contact {customer.Name}"
                + (customer.EndUserContact.Email is { } email ? $" at {email}" : "")
                + (customer.EndUserContact.Url is { } url ? $" or {url}" : "") + ".");
        return new EmailContent($"Message from {customer.Name} about your request {requestId}", body.Text, body.Html);
    }
}
