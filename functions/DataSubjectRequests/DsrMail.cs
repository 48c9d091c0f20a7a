using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests.Emails;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// Every email of the DSR flow, each through the outbox under a key derived from the request, so a retried
/// step never sends twice. Keys: <c>dsr.referral.{requestId}</c>, <c>dsr.forward.{requestId}.{n}</c>,
/// <c>dsr.reminder{days}.{requestId}.{extension}.{n}</c>, <c>dsr.outcome.{requestId}.{n}</c>,
/// <c>dsr.end-user-reply.{requestId}</c>; DPO alerts <c>dpo-alert.dsr-{reason}.{requestId}</c>.
/// </summary>
public sealed class DsrMail(EmailOutbox outbox, DpoAlerts alerts, IOptions<DsrOptions> options)
{
    public const string AggregateType = "dsr";
    private string Processor => options.Value.ProcessorDisplayName;

    public static string ReferralKey(string requestId) => $"dsr.referral.{requestId}";
    public static string ForwardKey(string requestId, int n) => $"dsr.forward.{requestId}.{n}";
    public static string EndUserReplyKey(string requestId) => $"dsr.end-user-reply.{requestId}";

    /// <summary>The one referral to the end-user (Art. 12(3) via the controller): who decides and how to reach them.</summary>
    public Task ReferEndUserAsync(DataSubjectRequest request, Customer customer, CancellationToken ct)
    {
        var content = EndUserReferral.Compose(Processor, customer, request.Subject!, request.RequestId);
        return SendAsync(ReferralKey(request.RequestId), new EmailRecipient(request.Subject!.Email, request.Subject.Name), content, request, "dsr.referral", ct);
    }

    public async Task<int> ForwardToCustomerAsync(DataSubjectRequest request, Customer customer, DeadlineDue deadline, Uri instructionLink, CancellationToken ct)
    {
        var content = CustomerForward.Compose(Processor, customer, Summary(request, deadline), request.Subject ?? new DsrSubject("(erased)", null, null),
            request.Channel, request.Message, instructionLink.ToString());
        var n = 0;
        foreach (var contact in customer.Contacts.Dsr)
            await SendAsync(ForwardKey(request.RequestId, n++), new EmailRecipient(contact), content, request, "dsr.forward", ct);
        return n;
    }

    public async Task RemindCustomerAsync(DataSubjectRequest request, Customer customer, DeadlineDue deadline, int daysBefore, Uri instructionLink, CancellationToken ct)
    {
        var content = CustomerReminder.Compose(Processor, customer, Summary(request, deadline), request.Status, daysBefore, instructionLink.ToString());
        var n = 0;
        foreach (var contact in customer.Contacts.Dsr)
            await SendAsync($"dsr.reminder{daysBefore}.{request.RequestId}.{deadline.ExtensionMonths}.{n++}", new EmailRecipient(contact), content, request, $"dsr.reminder-{daysBefore}", ct);
    }

    public async Task TellOutcomeAsync(DataSubjectRequest request, Customer customer, DateTimeOffset completedAt, CancellationToken ct)
    {
        var action = request.Lifecycle.Instruction?.Action ?? AssistAction.Export;
        var content = CustomerOutcome.Compose(Processor, customer, Summary(request, request.DeadlineIn(customer.TimeZone)), action, completedAt);
        var n = 0;
        foreach (var contact in customer.Contacts.Dsr.Count > 0 ? customer.Contacts.Dsr : customer.Contacts.Privacy)
            await SendAsync($"dsr.outcome.{request.RequestId}.{n++}", new EmailRecipient(contact), content, request, "dsr.outcome", ct);
    }

    /// <summary>The only later end-user email: one the customer's instruction explicitly asked for.</summary>
    public Task RelayCustomerReplyAsync(DataSubjectRequest request, Customer customer, CancellationToken ct)
    {
        var body = EmailBody.FromParagraphs(
            $"{customer.Name} asked {Processor} to pass on this message about your request (reference {request.RequestId}):",
            request.EndUserReply!,
            $"For anything further, contact {customer.Name}" + (customer.EndUserContact.Email is { } email ? $" at {email}" : "") + (customer.EndUserContact.Url is { } url ? $" or {url}" : "") + ".");
        return outbox.EnqueueAsync(new EmailMessage(EndUserReplyKey(request.RequestId), new EmailRecipient(request.Subject!.Email, request.Subject.Name),
            $"Message from {customer.Name} about your request {request.RequestId}", body, new NoticeRef(AggregateType, request.RequestId, "dsr.end-user-reply")), ct);
    }

    public Task AlertDpoAsync(EscalationReason reason, DataSubjectRequest request, Customer customer, CancellationToken ct)
    {
        var content = DpoAlert.Compose(reason, customer, Summary(request, request.DeadlineIn(customer.TimeZone)), request.Status, options.Value.ForwardWithin);
        return alerts.RaiseAsync($"dsr-{reason.ToWire().ToLowerInvariant()}", request.RequestId, content.Subject, new EmailBody(content.Text, content.Html), ct);
    }

    private static DsrSummary Summary(DataSubjectRequest request, DeadlineDue deadline) =>
        new(request.RequestId, request.ProductId, request.Type, request.ReceivedAt, deadline);

    private Task SendAsync(string key, EmailRecipient to, EmailContent content, DataSubjectRequest request, string notice, CancellationToken ct) =>
        outbox.EnqueueAsync(new EmailMessage(key, to, content.Subject, new EmailBody(content.Text, content.Html),
            new NoticeRef(AggregateType, request.RequestId, notice)), ct);
}
