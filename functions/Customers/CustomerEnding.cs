using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Customers;

public enum CustomerEndOutcome { Ended, NotFound, Conflict }

/// <summary>
/// What <see cref="CustomerEnding.EndAsync"/> did. <see cref="Complete"/>: the customer is ended and nothing is left to
/// erase; otherwise <see cref="EmailsPending"/> deliveries were still being sent (not erasable yet) or
/// <see cref="RequestsPending"/> requests changed meanwhile — the caller calls again later. The counts are what this
/// call erased (a repeat after a complete ending erases 0).
/// </summary>
public sealed record CustomerEndResult(
    CustomerEndOutcome Outcome, int EmailsErased, int RequestsErased, int EmailsPending, int RequestsPending, DateTimeOffset? EndedAt)
{
    public bool Complete => Outcome == CustomerEndOutcome.Ended && EmailsPending == 0 && RequestsPending == 0;
}

/// <summary>
/// Erases the processor's own copy of a customer's data at the end of the contract (GDPR Art. 28(3)(g); SCC 2021/915
/// cl. 10(d)): every stored email to one of the customer's contact addresses, the end-user data of its data subject
/// requests, and finally — one kit change with a <c>customer.ended</c> audit entry naming no address — its contacts,
/// keeping only SHA-256 hashes of the erased addresses, with status <c>ended</c>. Every step is safe to repeat and a
/// repeat after a crash finishes the job: the customer ends last but the hashes it keeps let a later call still find a
/// delivery that was pending (or not yet recorded) when it ended. An ended customer is refused by
/// <see cref="CustomerDirectory.PutAsync"/>.
/// </summary>
public sealed partial class CustomerEnding(
    AggregateChanges changes,
    CustomerKind customerKind,
    DsrKind dsrKind,
    DsrChanges dsrChanges,
    EmailOutbox outbox,
    EmailDeliveryStore deliveries,
    StorageAccount storage,
    ILogger<CustomerEnding> logger)
{
    public const string EndedAction = "customer.ended";

    public async Task<CustomerEndResult> EndAsync(string customerId, CancellationToken ct)
    {
        if (!customerKind.IsValidId(customerId)) return new CustomerEndResult(CustomerEndOutcome.NotFound, 0, 0, 0, 0, null);
        var stored = await changes.FindFlushedAsync(customerKind, customerId, ct);
        if (stored is null) return new CustomerEndResult(CustomerEndOutcome.NotFound, 0, 0, 0, 0, null);

        // The addresses to erase, as hashes: the current contacts (an active customer) and those erased before (a repeat).
        var hashes = stored.State.ContactAddresses().Select(EmailDelivery.HashRecipient)
            .Concat(stored.State.ErasedAddressHashes ?? []).ToHashSet(StringComparer.Ordinal);

        // 1. Every delivery to one of those addresses: one scan (the keys of DSR emails and alerts do not all name the customer).
        var (emailsErased, emailsPending, handled) = await EraseDeliveriesToAsync(hashes, ct);

        // 2. The end-user data of each of the customer's requests that still holds any (and the emails that carried it).
        var (requestsErased, requestsPending, requestEmailsErased, requestEmailsPending) = await EraseRequestsAsync(customerId, handled, ct);
        emailsErased += requestEmailsErased;
        emailsPending += requestEmailsPending;

        // 3. Last, the customer itself: contacts emptied, hashes kept, status ended — one change with its audit entry.
        var result = await changes.ApplyAsync(customerKind, customerId, AuditActors.System, (current, now) =>
        {
            if (current is null) return Decision<Customer>.NotFound;
            var customer = current.State;
            if (customer.Status == CustomerStatus.Ended) return Decision<Customer>.Unchanged;
            var erased = customer.ContactAddresses().Select(EmailDelivery.HashRecipient)
                .Concat(customer.ErasedAddressHashes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var ended = customer with
            {
                Contacts = new CustomerContacts([], [], []),
                EndUserContact = new EndUserContact(null, null),
                Status = CustomerStatus.Ended,
                EndedAt = now,
                ErasedAddressHashes = erased,
            };
            // Counts only: the addresses are what is being erased.
            var data = new JsonObject
            {
                ["version"] = current.Version + 1,
                ["addressesErased"] = erased.Length,
                ["emailsErased"] = emailsErased,
                ["requestsErased"] = requestsErased,
            };
            return Decision<Customer>.Change(ended, [new AuditRecord(EndedAction, data)]);
        }, ct, stored);

        if (result.Outcome is not (ChangeOutcome.Changed or ChangeOutcome.Unchanged))
        {
            var outcome = result.Outcome == ChangeOutcome.NotFound ? CustomerEndOutcome.NotFound : CustomerEndOutcome.Conflict;
            LogEnding(logger, customerId, outcome, emailsErased, requestsErased, emailsPending, requestsPending);
            return new CustomerEndResult(outcome, emailsErased, requestsErased, emailsPending, requestsPending, null);
        }
        var endedAt = result.Stored!.State.EndedAt;
        LogEnding(logger, customerId, CustomerEndOutcome.Ended, emailsErased, requestsErased, emailsPending, requestsPending);
        return new CustomerEndResult(CustomerEndOutcome.Ended, emailsErased, requestsErased, emailsPending, requestsPending, endedAt);
    }

    /// <summary>
    /// One scan of <c>EmailDeliveries</c> (key, status, address and erasure columns only), erasing each delivery not yet
    /// erased whose lower-cased address hashes to one of <paramref name="hashes"/>. Returns the keys it handled.
    /// </summary>
    private async Task<(int Erased, int Pending, HashSet<string> Handled)> EraseDeliveriesToAsync(HashSet<string> hashes, CancellationToken ct)
    {
        var handled = new HashSet<string>(StringComparer.Ordinal);
        int erased = 0, pending = 0;
        if (hashes.Count == 0) return (0, 0, handled);
        var table = await storage.TableAsync(StorageNames.Tables.EmailDeliveries, ct);
        var matches = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "ToAddress", "ErasedAt"], cancellationToken: ct))
        {
            if (row.GetDateTimeOffset("ErasedAt") is not null || row.GetString("ToAddress") is not { Length: > 0 } address) continue;
            if (hashes.Contains(EmailDelivery.HashRecipient(address)))
                matches.Add(row.PartitionKey);
        }
        foreach (var key in matches)
        {
            handled.Add(key);
            if (await outbox.ErasePersonalDataAsync(key, ct)) erased++;
            else pending++;
        }
        return (erased, pending, handled);
    }

    /// <summary>
    /// Each request of the customer's partition whose subject data is not erased yet: its end-user emails (referral,
    /// relayed reply) and forwards are erased as the DSR erasure handler does, then the request's subject data.
    /// </summary>
    private async Task<(int Erased, int Pending, int EmailsErased, int EmailsPending)> EraseRequestsAsync(
        string customerId, HashSet<string> handledEmails, CancellationToken ct)
    {
        int erased = 0, pending = 0, emailsErased = 0, emailsPending = 0;
        var table = await storage.TableAsync(StorageNames.Tables.DataSubjectRequests, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customerId} and Aggregate eq {DsrKind.Type}");
        var toErase = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            if (AggregateRows.FromEntity(dsrKind, row.RowKey, row).State.SubjectErasedAt is null)
                toErase.Add(row.RowKey);

        foreach (var requestId in toErase)
        {
            var keys = (await deliveries.KeysStartingWithAsync(DsrMail.KeyPrefix(requestId), ct)).Where(k => DsrMail.CarriesSubjectData(requestId, k));
            var emailsDone = true;
            foreach (var key in keys.Where(k => !handledEmails.Contains(k)))
            {
                switch (await EraseIfStoredAsync(key, ct))
                {
                    case true: emailsErased++; break;
                    case false: emailsPending++; emailsDone = false; break;
                }
            }
            if (!emailsDone) { pending++; continue; } // an email carrying the data is still being sent: a later call finishes

            if (await EraseSubjectAsync(requestId, ct)) erased++;
            else pending++;
        }
        return (erased, pending, emailsErased, emailsPending);
    }

    /// <returns>True when erased now, false when still pending, null when there was nothing (left) to erase.</returns>
    private async Task<bool?> EraseIfStoredAsync(string key, CancellationToken ct)
    {
        if (await deliveries.GetAsync(key, ct) is not var (delivery, _) || delivery.ErasedAt is not null) return null;
        if (delivery.Status == EmailDeliveryStatus.Pending) return false;
        return await outbox.ErasePersonalDataAsync(key, ct);
    }

    /// <summary>The DSR erasure on a fresh read of the request (with its pending effects finished); a few tries when it changes meanwhile.</summary>
    private async Task<bool> EraseSubjectAsync(string requestId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await changes.FindFlushedAsync(dsrKind, requestId, ct) is not { } stored) return true;
            if (stored.State.SubjectErasedAt is not null) return true;
            if (await dsrChanges.EraseSubjectDataAsync(new StoredDsr(stored), ct)) return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Customer {CustomerId} ending: {Outcome}; {EmailsErased} emails and {RequestsErased} requests erased, {EmailsPending} emails and {RequestsPending} requests pending")]
    private static partial void LogEnding(ILogger logger, string customerId, CustomerEndOutcome outcome,
        int emailsErased, int requestsErased, int emailsPending, int requestsPending);
}
