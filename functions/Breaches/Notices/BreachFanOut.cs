using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// Handles one page of a breach's fan-out (at-least-once), like the sub-processor fan-out: the page's marker (a page
/// done is not done again), the next page's message, then per customer — for the initial notice its own notice record
/// (notified at, its 72-hour end; one transaction with its audit entry) — one email per contact sent at once under its
/// natural key (<see cref="BreachNoticeKeys"/>), then the marker done. Storage: the notice record plus two requests per
/// contact (delivery record inserted claimed, then Sent), and five per page.
/// </summary>
public sealed partial class BreachFanOut(
    AggregateChanges changes, BreachKind breaches, CustomerNoticeKind notices, CustomerKind customerKind, CustomerDirectory directory,
    StorageAccount storage, BreachNoticeQueue queue, BreachNoticeSnapshots snapshots, MailSender mail, LinkTokens links, IOptions<ProcessorOptions> processor,
    TimeProvider clock, ILogger<BreachFanOut> logger)
{
    /// <summary>GDPR Art. 33(1): the controller's 72 hours — an exact duration, whatever the clocks of its zone do.</summary>
    public static readonly TimeSpan ControllerClock = TimeSpan.FromHours(72);

    /// <summary>How long an acknowledgement link opens the customer's page.</summary>
    public static readonly TimeSpan LinkValidity = TimeSpan.FromDays(90);

    public async Task HandleAsync(BreachNoticePage page, CancellationToken ct)
    {
        if (await changes.FindAsync(breaches, page.BreachId, ct) is not { } stored) return;
        var breach = stored.State;
        var notice = NoticeFor(breach, page.Tag);
        var snapshot = notice is null ? null : await snapshots.ReadAsync(breach.BreachId, BreachNoticeKeys.Tag(notice), ct);
        if (notice is null || snapshot is null || (page.Tag == BreachNoticeKeys.Renotify && breach.Status == BreachStatus.Closed))
        {
            LogNothingToSend(logger, breach.BreachId, page.Tag);
            return;
        }

        var table = await storage.TableAsync(breaches.Table, ct);
        if (await PageMarkers.TryBeginAsync(table, breach.BreachId, page.MarkerRow, ct) is not { } marker) return;

        var said = (notice, snapshot);
        var sent = page.FromDirectory
            ? await InitialPageAsync(breach, said, page, table, ct)
            : await NotifiedPageAsync(breach, said, page, table, ct);

        await PageMarkers.CompleteAsync(table, breach.BreachId, page.MarkerRow, marker, ct);
        LogPageDone(logger, breach.BreachId, page.Tag, page.Page, sent);
    }

    /// <summary>The initial notice: the assessed scope's customers from the directory, each recorded then notified.</summary>
    private async Task<int> InitialPageAsync(Breach breach, (SentNotice, NoticeSnapshot) notice, BreachNoticePage page, TableClient table, CancellationToken ct)
    {
        var customers = await storage.TableAsync(customerKind.Table, ct);
        var scope = breach.Assessment!.Scope!;
        await foreach (var rows in customers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Aggregate eq {CustomerKind.Type}"), BreachNoticePage.PageSize,
                           cancellationToken: ct).AsPages(page.Continuation, BreachNoticePage.PageSize))
        {
            if (rows.ContinuationToken is { } next)
                await queue.EnqueueAsync(page with { Page = page.Page + 1, Continuation = next }, null, ct);
            var sent = 0;
            var notified = new List<(Customer, CustomerNotice)>();
            foreach (var customer in rows.Values.Select(r => AggregateRows.FromEntity(customerKind, r.PartitionKey, r).State)
                         .Where(c => c.Status == CustomerStatus.Active && scope.Includes(c.CustomerId, c.Products)))
            {
                var record = await RecordNoticeAsync(breach, customer.CustomerId, ct);
                sent += await SendAsync(breach, notice, customer, record, page.Tag, NoticeContacts(customer), ct);
                notified.Add((customer, record));
            }
            return sent + await CatchUpAsync(breach.BreachId, notified, ct);
        }
        return 0;
    }

    /// <summary>
    /// The later notices (Art. 33(4) updates, the closure) decided while this page ran. Their own fan-out reaches only
    /// the customers recorded when it reads the breach's partition; so, with this page's records written, the breach
    /// is read again and every later notice it lists goes to this page's customers too. A notice decided after this
    /// read finds their records. Each email is keyed, so one also sent by the notice's own fan-out goes out once.
    /// </summary>
    private async Task<int> CatchUpAsync(string breachId, List<(Customer Customer, CustomerNotice Record)> notified, CancellationToken ct)
    {
        if (notified.Count == 0 || await changes.FindAsync(breaches, breachId, ct) is not { } current) return 0;
        var later = current.State.Notices.Where(n => n.Kind != NoticeKind.Initial).ToArray();
        if (later.Length == 0) return 0;
        var said = await snapshots.ReadAllAsync(breachId, ct);
        var sent = 0;
        foreach (var notice in later)
        {
            if (!said.TryGetValue(BreachNoticeKeys.Tag(notice), out var snapshot)) continue;
            foreach (var (customer, record) in notified)
                sent += await SendAsync(current.State, (notice, snapshot), customer, record, BreachNoticeKeys.Tag(notice), NoticeContacts(customer), ct);
        }
        LogCaughtUp(logger, breachId, later.Length, notified.Count);
        return sent;
    }

    /// <summary>An update, the closure or the re-notification: the breach's notified customers (its own partition).</summary>
    private async Task<int> NotifiedPageAsync(Breach breach, (SentNotice, NoticeSnapshot) notice, BreachNoticePage page, TableClient table, CancellationToken ct)
    {
        await foreach (var rows in table.QueryAsync<TableEntity>(e => e.PartitionKey == CustomerNoticeKind.PartitionOf(breach.BreachId), BreachNoticePage.PageSize,
                           cancellationToken: ct).AsPages(page.Continuation, BreachNoticePage.PageSize))
        {
            if (rows.ContinuationToken is { } next)
                await queue.EnqueueAsync(page with { Page = page.Page + 1, Continuation = next }, null, ct);
            var sent = 0;
            foreach (var row in rows.Values.Where(r => r.GetString(AggregateRows.Aggregate) == CustomerNoticeKind.Type))
            {
                var record = AggregateRows.FromEntity(notices, CustomerNoticeKind.Id(breach.BreachId, row.RowKey), row);
                var renotify = page.Tag == BreachNoticeKeys.Renotify;
                if (renotify && (record.State.AcknowledgedAt is not null || record.State.RenotifiedAt is not null)) continue;
                if ((await directory.GetAsync(record.State.CustomerId, ct))?.Customer is not { } customer) continue;
                // Re-notification goes to the security and the privacy contacts (the first went to one of them).
                var contacts = renotify ? customer.Contacts.Security.Concat(customer.Contacts.Privacy).Distinct(StringComparer.Ordinal).ToArray() : NoticeContacts(customer);
                sent += await SendAsync(breach, notice, customer, record.State, page.Tag, contacts, ct);
                if (renotify)
                    await changes.ApplyAsync(notices, record.AggregateId, AuditActors.System, (current, at) => current is null || current.State.RenotifiedAt is not null
                        ? Decision<CustomerNotice>.Unchanged
                        : Decision<CustomerNotice>.Change(current.State with { RenotifiedAt = at }, [new AuditRecord("breach.customer-renotified", new { contacts = contacts.Count })]), ct, record);
            }
            return sent;
        }
        return 0;
    }

    /// <summary>The customer's notice record: created once (its 72-hour end fixed then); a repeat finds the first.</summary>
    private async Task<CustomerNotice> RecordNoticeAsync(Breach breach, string customerId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var record = new CustomerNotice(breach.BreachId, customerId, now, now + ControllerClock, 0);
        var result = await changes.CreateAsync(notices, CustomerNoticeKind.Id(breach.BreachId, customerId), AuditActors.System,
            _ => Decision<CustomerNotice>.Change(record, [new AuditRecord("breach.customer-notified", new { clockEndsAt = record.ClockEndsAt })]), ct);
        return result.Stored?.State ?? record;
    }

    private async Task<int> SendAsync(Breach breach, (SentNotice Header, NoticeSnapshot Snapshot) notice, Customer customer, CustomerNotice record, string tag,
        IReadOnlyList<string> contacts, CancellationToken ct)
    {
        var token = links.Issue(LinkPurposes.BreachAcknowledgement, customer.CustomerId, breach.BreachId, clock.GetUtcNow() + LinkValidity);
        var content = BreachEmails.Compose(breach, notice.Header, notice.Snapshot, tag == BreachNoticeKeys.Renotify, NoticeLanguage(customer), customer.TimeZone,
            record.ClockEndsAt, links.LinkUrl($"api/breaches/{breach.BreachId}/acknowledgement", token), processor.Value.DisplayName);
        var noticeRef = new NoticeRef(BreachKind.Type, breach.BreachId, "breach." + tag);
        foreach (var contact in contacts)
            await mail.SendNowAsync(BreachNoticeKeys.For(breach.BreachId, tag, customer.CustomerId, contact), new EmailRecipient(contact, customer.Name), content, noticeRef, ct);
        return contacts.Count;
    }

    /// <summary>Security contacts (breach notices, Art. 33(2)), else the privacy contacts.</summary>
    public static IReadOnlyList<string> NoticeContacts(Customer customer) => customer.Contacts.Security.Count > 0 ? customer.Contacts.Security : customer.Contacts.Privacy;

    public static string NoticeLanguage(Customer customer) => Platform.Localization.Languages.Resolve(customer.Locale);

    /// <summary>The notice a tag sends: the initial, update n, the closure; re-notification repeats the latest.</summary>
    public static SentNotice? NoticeFor(Breach breach, string tag) => tag == BreachNoticeKeys.Renotify
        ? breach.Notices.LastOrDefault(n => n.Kind != NoticeKind.Closure)
        : breach.Notices.FirstOrDefault(n => BreachNoticeKeys.Tag(n) == tag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Breach {BreachId}: nothing to send for {Tag}")]
    private static partial void LogNothingToSend(ILogger logger, string breachId, string tag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Breach {BreachId}: {Notices} later notice(s) sent to {Customers} customer(s) of an initial page")]
    private static partial void LogCaughtUp(ILogger logger, string breachId, int notices, int customers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Breach {BreachId}: {Tag} page {Page} done, {Sent} email(s)")]
    private static partial void LogPageDone(ILogger logger, string breachId, string tag, int page, int sent);
}
