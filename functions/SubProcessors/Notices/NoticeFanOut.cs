using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.SubProcessors.Subscriptions;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// Handles one page of a change's fan-out (at-least-once). Steps, each safe to repeat: the page's marker in the
/// change's partition (a page already done is not done again), the next page's message (so a crash in this page
/// loses nothing after it), then one email per recipient sent at once under its natural key
/// (<see cref="NoticeKeys"/>: a recipient already sent to is skipped by its delivery record), then the marker done.
/// A recipient's transient failure hands that email to the delivery queue and goes on. Storage: two requests per
/// recipient (the delivery record inserted already claimed, then Sent) plus five per page.
/// </summary>
public sealed partial class NoticeFanOut(
    AggregateChanges changes, ChangeKind kind, StorageAccount storage, AffectedCustomers customers, SubscriberDirectory subscribers,
    NoticeQueue queue, MailSender mail, EmailDeliveryStore deliveries, LinkTokens links, DpoAlerts alerts,
    IOptions<SubProcessorOptions> options, IOptions<ProcessorOptions> processor, IOptions<EmailOptions> email, TimeProvider clock,
    ILogger<NoticeFanOut> logger)
{
    public async Task HandleAsync(NoticePage page, CancellationToken ct)
    {
        if (await changes.FindAsync(kind, page.ChangeId, ct) is not { } stored)
        {
            LogUnknownChange(logger, page.ChangeId);
            return;
        }
        var change = stored.State;
        // A withdrawn change's announcement stops where it is; its withdrawal goes to whoever got the announcement.
        if ((page.Notice == NoticeKeys.Announcement && change.Status == ChangeStatus.Withdrawn)
            || (page.Notice == NoticeKeys.Withdrawal && change.Status != ChangeStatus.Withdrawn))
        {
            LogStopped(logger, change.ChangeId, page.Notice, change.Status.ToWire());
            return;
        }

        var table = await storage.TableAsync(kind.Table, ct);
        var partition = ChangeKind.PartitionOf(change.ChangeId);
        if (await PageMarkers.TryBeginAsync(table, partition, page.MarkerRow, ct) is not { } marker)
        {
            LogPageAlreadyDone(logger, change.ChangeId, page.Notice, page.Source, page.Page);
            return;
        }

        int sent;
        if (page.Source == NoticePage.Customers)
        {
            var (batch, continuation) = await customers.PageAsync(change, page.Continuation, ct);
            await queue.EnqueueAsync(continuation is not null
                ? page with { Page = page.Page + 1, Continuation = continuation }
                : new NoticePage(change.ChangeId, page.Notice, NoticePage.Subscribers, 0, null), null, ct);
            sent = await SendToCustomersAsync(change, page.Notice, batch, ct);
        }
        else
        {
            var (batch, continuation) = await subscribers.ConfirmedPageAsync(page.Continuation, NoticePage.SubscriberPageSize, ct);
            if (continuation is not null)
                await queue.EnqueueAsync(page with { Page = page.Page + 1, Continuation = continuation }, null, ct);
            sent = await SendToSubscribersAsync(change, page.Notice, batch, ct);
        }

        await PageMarkers.CompleteAsync(table, partition, page.MarkerRow, marker, ct);
        LogPageDone(logger, change.ChangeId, page.Notice, page.Source, page.Page, sent);
    }

    /// <summary>
    /// The announcement to the affected customers the fan-out did not reach — onboarded, or given an affected product,
    /// after it ran (their window "not started" would hold them from the sub-processor for good). Sent now, under the
    /// same keys; each window starts at its delivery. Returns how many customers it reached.
    /// </summary>
    public async Task<int> AnnounceToLateCustomersAsync(SubProcessorChange change, HeldCustomers.Assessment assessment, CancellationToken ct)
    {
        var missed = assessment.Affected.Where(c => c.Contacts.Privacy.Count > 0 && !assessment.Windows.ContainsKey(c.CustomerId)).ToArray();
        if (missed.Length == 0) return 0;
        await SendToCustomersAsync(change, NoticeKeys.Announcement, missed, ct);
        LogLateCustomers(logger, change.ChangeId, missed.Length);
        return missed.Length;
    }

    private async Task<int> SendToCustomersAsync(SubProcessorChange change, string notice, IReadOnlyList<Customer> batch, CancellationToken ct)
    {
        var sent = 0;
        var late = false;
        foreach (var customer in batch)
        {
            var language = NoticeEmails.LanguageOf(customer.Locale);
            var content = notice == NoticeKeys.Announcement
                ? NoticeEmails.Announcement(change, language, customer.TimeZone, Sender, ObjectionUrl(change, customer.CustomerId), null)
                : NoticeEmails.Withdrawal(change, language, customer.TimeZone, Sender, null);
            foreach (var contact in customer.Contacts.Privacy)
            {
                if (notice == NoticeKeys.Withdrawal && !await WasAnnouncedAsync(NoticeKeys.ForCustomer(NoticeKeys.Announcement, change.ChangeId, customer.CustomerId, contact), ct))
                    continue;
                await mail.SendNowAsync(NoticeKeys.ForCustomer(notice, change.ChangeId, customer.CustomerId, contact),
                    new EmailRecipient(contact, customer.Name), content, NoticeOf(change, notice), ct);
                sent++;
            }
            late |= notice == NoticeKeys.Announcement && clock.GetUtcNow() + options.Value.ObjectionWindow > change.EffectiveAt;
        }
        if (late) await AlertLateWindowsAsync(change, ct);
        return sent;
    }

    private async Task<int> SendToSubscribersAsync(SubProcessorChange change, string notice, IReadOnlyList<ListRecipient> batch, CancellationToken ct)
    {
        var sent = 0;
        foreach (var subscriber in batch)
        {
            if (notice == NoticeKeys.Withdrawal && !await WasAnnouncedAsync(NoticeKeys.ForSubscriber(NoticeKeys.Announcement, change.ChangeId, subscriber.SubscriberId), ct))
                continue;
            var content = notice == NoticeKeys.Announcement
                ? NoticeEmails.Announcement(change, subscriber.Language, "UTC", Sender, null, subscriber.UnsubscribeUrl)
                : NoticeEmails.Withdrawal(change, subscriber.Language, "UTC", Sender, subscriber.UnsubscribeUrl);
            await mail.SendNowAsync(NoticeKeys.ForSubscriber(notice, change.ChangeId, subscriber.SubscriberId),
                new EmailRecipient(subscriber.Address), content, NoticeOf(change, notice), ct);
            sent++;
        }
        return sent;
    }

    private async Task<bool> WasAnnouncedAsync(string announcementKey, CancellationToken ct) => await deliveries.GetAsync(announcementKey, ct) is not null;

    /// <summary>
    /// SCC 2021/915 cl. 7.7: a customer notified later than <c>effectiveAt − ObjectionWindow</c> can still object after the
    /// change applies — the DPO office is told at once (once per change; the activation holds those customers).
    /// </summary>
    private Task AlertLateWindowsAsync(SubProcessorChange change, CancellationToken ct) =>
        alerts.RaiseAsync("subprocessor-late-notice", change.ChangeId,
            $"Sub-processor change {change.ChangeId}: objection windows end after it takes effect",
            $"Notices of change {change.ChangeId} are being delivered at {clock.GetUtcNow():u}; with the {options.Value.ObjectionWindow.TotalDays:0.##}-day objection window, " +
            $"some customers can still object after the change takes effect at {change.EffectiveAt:u}. They will be held at activation until their window closes. " +
            $"Consider moving the change later. Details: GET /api/subprocessors/changes/{change.ChangeId}/deliveries.", ct);

    private Uri ObjectionUrl(SubProcessorChange change, string customerId)
    {
        var from = change.EffectiveAt > clock.GetUtcNow() ? change.EffectiveAt : clock.GetUtcNow();
        var token = links.Issue(LinkPurposes.SubProcessorObjection, customerId, change.ChangeId, from + options.Value.ObjectionWindow + ObjectionLinks.Grace);
        return links.LinkUrl($"api/subprocessors/changes/{change.ChangeId}/objection", token);
    }

    private NoticeEmails.Sender Sender => new(processor.Value.DisplayName, email.Value.DpoMailbox!, options.Value.ObjectionWindow);

    private static NoticeRef NoticeOf(SubProcessorChange change, string notice) =>
        new(ChangeKind.Type, change.ChangeId, notice == NoticeKeys.Announcement ? "subprocessor.notice" : "subprocessor.withdrawal");

    [LoggerMessage(Level = LogLevel.Information, Message = "Sub-processor change {ChangeId}: announced to {Customers} customer(s) the fan-out did not reach")]
    private static partial void LogLateCustomers(ILogger logger, string changeId, int customers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice page for unknown sub-processor change {ChangeId}: dropped")]
    private static partial void LogUnknownChange(ILogger logger, string changeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sub-processor change {ChangeId}: {Notice} fan-out stopped, the change is {Status}")]
    private static partial void LogStopped(ILogger logger, string changeId, string notice, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sub-processor change {ChangeId}: {Notice} page {Source}/{Page} already done")]
    private static partial void LogPageAlreadyDone(ILogger logger, string changeId, string notice, string source, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sub-processor change {ChangeId}: {Notice} page {Source}/{Page} done, {Sent} email(s)")]
    private static partial void LogPageDone(ILogger logger, string changeId, string notice, string source, int page, int sent);
}
