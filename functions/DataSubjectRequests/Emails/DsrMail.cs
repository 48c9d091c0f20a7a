using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests.Emails;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// Every email of the DSR flow, each through the outbox under a key derived from the request, so a retried
/// step never sends twice. Emails to a list of contacts go one per contact under the contact's hash
/// (<see cref="MailSender.KeyFor"/>), never its position. Every key of a request starts with
/// <c>dsr.{requestId}.</c> (one range read finds them all): <c>….referral</c>, <c>….forward.{contactHash}</c>,
/// <c>….reminder{days}.{extension}.{contactHash}</c>, <c>….outcome.{contactHash}</c>, <c>….end-user-reply</c>; DPO
/// alerts <c>dpo-alert.dsr-{reason}.{requestId}</c>.
/// </summary>
public sealed class DsrMail(MailSender sender, DpoAlerts alerts, IOptions<ProcessorOptions> processor, IOptions<DsrOptions> options)
{
    public const string AggregateType = "dsr";
    private string Processor => processor.Value.DisplayName;

    /// <summary>What every email key of the request starts with.</summary>
    public static string KeyPrefix(string requestId) => $"dsr.{requestId}.";
    public static string ReferralKey(string requestId) => KeyPrefix(requestId) + "referral";
    /// <summary>One forward per DSR contact, keyed by the contact (not its position, which changes when the list does).</summary>
    public static string ForwardKey(string requestId, string contact) => MailSender.KeyFor(ForwardPrefix(requestId), contact);
    public static string ReminderKey(string requestId, int daysBefore, int extensionMonths, string contact) =>
        MailSender.KeyFor(ReminderPrefix(requestId, daysBefore, extensionMonths), contact);
    public static string OutcomeKey(string requestId, string contact) => MailSender.KeyFor(OutcomePrefix(requestId), contact);
    public static string EndUserReplyKey(string requestId) => KeyPrefix(requestId) + "end-user-reply";

    /// <summary>
    /// Whether the request's email under <paramref name="key"/> carries the end-user's data — the referral, the forwards,
    /// the relayed reply — and so is erased with it; reminders and the outcome carry none.
    /// </summary>
    public static bool CarriesSubjectData(string requestId, string key) =>
        key == ReferralKey(requestId) || key == EndUserReplyKey(requestId) || key.StartsWith(ForwardPrefix(requestId) + ".", StringComparison.Ordinal);

    private static string ForwardPrefix(string requestId) => KeyPrefix(requestId) + "forward";
    private static string ReminderPrefix(string requestId, int daysBefore, int extensionMonths) => KeyPrefix(requestId) + $"reminder{daysBefore}.{extensionMonths}";
    private static string OutcomePrefix(string requestId) => KeyPrefix(requestId) + "outcome";

    /// <summary>
    /// The one referral to the end-user (Art. 12(3) via the controller): who decides and how to reach them. Sent at once:
    /// forwarding runs from a queue message (a send that fails is handed to the delivery queue).
    /// </summary>
    public Task ReferEndUserAsync(DataSubjectRequest request, Customer customer, CancellationToken ct) =>
        sender.SendNowAsync(ReferralKey(request.RequestId), new EmailRecipient(request.Subject!.Email, request.Subject.Name),
            EndUserReferral.Compose(Processor, customer, request.Subject!, request.RequestId), Notice(request, "dsr.referral"), ct);

    /// <summary>The request to each DSR contact, sent at once (an effect of forwarding, which runs from a queue message).</summary>
    public async Task<int> ForwardToCustomerAsync(DataSubjectRequest request, Customer customer, DeadlineDue deadline, Uri instructionLink, CancellationToken ct)
    {
        var content = CustomerForward.Compose(Processor, customer, Summary(request, deadline), request.Subject ?? new DsrSubject("(erased)", null, null),
            request.Channel, request.Message, instructionLink.ToString());
        await sender.SendToEachNowAsync(ForwardPrefix(request.RequestId), customer.Contacts.Dsr, content, Notice(request, "dsr.forward"), ct);
        return customer.Contacts.Dsr.Count;
    }

    public Task RemindCustomerAsync(DataSubjectRequest request, Customer customer, DeadlineDue deadline, int daysBefore, Uri instructionLink, CancellationToken ct)
    {
        var content = CustomerReminder.Compose(Processor, customer, Summary(request, deadline), request.Status, daysBefore, instructionLink.ToString());
        return sender.SendToEachAsync(ReminderPrefix(request.RequestId, daysBefore, deadline.ExtensionMonths), customer.Contacts.Dsr, content,
            Notice(request, $"dsr.reminder-{daysBefore}"), ct);
    }

    public Task TellOutcomeAsync(DataSubjectRequest request, Customer customer, DateTimeOffset completedAt, CancellationToken ct)
    {
        var action = request.Lifecycle.Instruction?.Action ?? AssistAction.Export;
        var content = CustomerOutcome.Compose(Processor, customer, Summary(request, request.DeadlineIn(customer.TimeZone)), action, completedAt);
        return sender.SendToEachAsync(OutcomePrefix(request.RequestId), customer.Contacts.Dsr.Count > 0 ? customer.Contacts.Dsr : customer.Contacts.Privacy,
            content, Notice(request, "dsr.outcome"), ct);
    }

    /// <summary>The only later end-user email: one the customer's instruction explicitly asked for.</summary>
    public Task RelayCustomerReplyAsync(DataSubjectRequest request, Customer customer, CancellationToken ct) =>
        SendToSubjectAsync(EndUserReplyKey(request.RequestId), request,
            CustomerReplyRelay.Compose(Processor, customer, request.Subject!, request.RequestId, request.EndUserReply!), "dsr.end-user-reply", ct);

    /// <summary>To the DPO office, in English (the office's language; there is no setting for another yet).</summary>
    public Task AlertDpoAsync(EscalationReason reason, DataSubjectRequest request, Customer customer, CancellationToken ct)
    {
        var content = DpoAlert.Compose(reason, customer, Summary(request, request.DeadlineIn(customer.TimeZone)), request.Status, options.Value.ForwardWithin,
            Languages.English);
        return alerts.RaiseAsync($"dsr-{reason.ToWire().ToLowerInvariant()}", request.RequestId, content.Subject, content.Body, ct);
    }

    private static DsrSummary Summary(DataSubjectRequest request, DeadlineDue deadline) =>
        new(request.RequestId, request.ProductId, request.Type, request.ReceivedAt, deadline);

    private static NoticeRef Notice(DataSubjectRequest request, string notice) => new(AggregateType, request.RequestId, notice);

    private Task SendToSubjectAsync(string key, DataSubjectRequest request, EmailContent content, string notice, CancellationToken ct) =>
        sender.SendAsync(key, new EmailRecipient(request.Subject!.Email, request.Subject.Name), content, Notice(request, notice), ct);
}
