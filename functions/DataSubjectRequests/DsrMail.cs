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
    /// <summary>One forward per DSR contact, keyed by the contact (not its position, which changes when the list does).</summary>
    public static string ForwardKey(string requestId, string contact) => ForwardKeyPrefix(requestId) + ContactKey(contact);
    public static string ForwardKeyPrefix(string requestId) => $"dsr.forward.{requestId}.";

    private static string ContactKey(string contact) => EmailDelivery.HashRecipient(contact)[..16];
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
        foreach (var contact in customer.Contacts.Dsr)
            await SendAsync(ForwardKey(request.RequestId, contact), new EmailRecipient(contact), content, request, "dsr.forward", ct);
        return customer.Contacts.Dsr.Count;
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
        var content = CustomerReplyRelay.Compose(Processor, customer, request.RequestId, request.EndUserReply!);
        return SendAsync(EndUserReplyKey(request.RequestId), new EmailRecipient(request.Subject!.Email, request.Subject.Name),
            content, request, "dsr.end-user-reply", ct);
    }

    public Task AlertDpoAsync(EscalationReason reason, DataSubjectRequest request, Customer customer, CancellationToken ct)
    {
        var content = DpoAlert.Compose(reason, customer, Summary(request, request.DeadlineIn(customer.TimeZone)), request.Status, options.Value.ForwardWithin);
        return alerts.RaiseAsync($"dsr-{reason.ToWire().ToLowerInvariant()}", request.RequestId, content.Subject, new EmailBody(content.Text, content.Html), ct);
    }

    private static DsrSummary Summary(DataSubjectRequest request, DeadlineDue deadline) =>
        new(request.RequestId, request.ProductId, request.Type, request.ReceivedAt, deadline);

    private Task SendAsync(string key, EmailRecipient to, EmailContent content, DataSubjectRequest request, string notice, CancellationToken ct) =>
        outbox.EnqueueAsync(new EmailMessage(key, to with { DisplayName = OneLine(to.DisplayName, 100) }, OneLine(content.Subject, EmailOutbox.MaxSubjectLength)!,
            new EmailBody(content.Text, content.Html), new NoticeRef(AggregateType, request.RequestId, notice)), ct);

    /// <summary>
    /// Subjects and display names are built from stored names: keep them within what the outbox accepts rather
    /// than let a long customer name stop a legally required notice.
    /// </summary>
    private static string? OneLine(string? text, int maxLength)
    {
        if (text is null) return null;
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return line.Length <= maxLength ? line : line[..(maxLength - 1)] + "…";
    }
}
