using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Events;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Breaches;

/// <summary>Reads what the due handlers need: the breach, and its notified customers (one partition).</summary>
public sealed class BreachReader(AggregateChanges changes, BreachKind breaches, CustomerNoticeKind notices, StorageAccount storage)
{
    public async Task<Breach?> BreachAsync(string breachId, CancellationToken ct) =>
        breaches.IsValidId(breachId) ? (await changes.FindFlushedAsync(breaches, breachId, ct))?.State : null;

    public async Task<IReadOnlyList<CustomerNotice>> NotifiedAsync(string breachId, CancellationToken ct)
    {
        var table = await storage.TableAsync(breaches.Table, ct);
        var result = new List<CustomerNotice>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == CustomerNoticeKind.PartitionOf(breachId), cancellationToken: ct))
            if (row.GetString(AggregateRows.Aggregate) == CustomerNoticeKind.Type)
                result.Add(AggregateRows.FromEntity(notices, CustomerNoticeKind.Id(breachId, row.RowKey), row).State);
        return result;
    }
}

/// <summary><c>Breach:AssessWithin</c> after awareness: a breach still in triage alerts the DPO office.</summary>
public sealed class BreachAssessSla(BreachReader reader, DpoAlerts alerts, IOptions<BreachOptions> options) : IDueHandler
{
    public string Kind => BreachDueKinds.AssessSla;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await reader.BreachAsync(hint.ItemKey, ct) is not { Status: BreachStatus.Triage } breach) return DueOutcome.NothingDue;
        await alerts.RaiseAsync("breach-assess-overdue", breach.BreachId, $"Breach {breach.BreachId} is not assessed after {options.Value.AssessWithin.TotalHours:0.#} h",
            $"Breach {breach.BreachId} (\"{breach.Facts.Title}\") is still in triage {options.Value.AssessWithin.TotalHours:0.#} hours after we became aware of it ({breach.AwareAt:u}). " +
            $"Assess it now: affected customers must be notified by {breach.AwareAt + options.Value.NotifyWithin:u}. POST /api/breaches/{breach.BreachId}/assessment.", ct);
        return DueOutcome.Done;
    }
}

/// <summary>
/// <c>Breach:NotifyWithin</c> after awareness ("without undue delay", Art. 33(2)): a notifiable breach whose notice is not
/// sent, or with an affected customer not yet notified, alerts the DPO office with the customers missing.
/// </summary>
public sealed class BreachNotifySla(BreachReader reader, StorageAccount storage, CustomerKind customerKind, DpoAlerts alerts, IOptions<BreachOptions> options) : IDueHandler
{
    public string Kind => BreachDueKinds.NotifySla;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        var found = await reader.BreachAsync(hint.ItemKey, ct);
        // Still in triage when our notification deadline passes: look again until it is assessed (the assess SLA has alerted).
        if (found is { Status: BreachStatus.Triage }) return DueOutcome.Again(now + TimeSpan.FromHours(1), acted: false);
        if (found is not { Status: BreachStatus.Notifiable, Assessment.Scope: { } scope } breach) return DueOutcome.NothingDue;
        var notified = (await reader.NotifiedAsync(breach.BreachId, ct)).Select(n => n.CustomerId).ToHashSet(StringComparer.Ordinal);
        var table = await storage.TableAsync(customerKind.Table, ct);
        var missing = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Aggregate eq {CustomerKind.Type}"), cancellationToken: ct))
        {
            var customer = AggregateRows.FromEntity(customerKind, row.PartitionKey, row).State;
            if (customer.Status == CustomerStatus.Active && scope.Includes(customer.CustomerId, customer.Products) && !notified.Contains(customer.CustomerId))
                missing.Add(customer.CustomerId);
        }
        if (missing.Count == 0) return DueOutcome.NothingDue;
        await alerts.RaiseAsync("breach-notify-overdue", breach.BreachId, $"Breach {breach.BreachId}: {missing.Count} affected customer(s) not notified after {options.Value.NotifyWithin.TotalHours:0.#} h",
            $"Breach {breach.BreachId} is notifiable, and {options.Value.NotifyWithin.TotalHours:0.#} hours after we became aware of it ({breach.AwareAt:u}) these affected customers " +
            $"have not been notified{(breach.InitialSent ? "" : " (the notice was not sent: POST /api/breaches/" + breach.BreachId + "/notices)")}:\n\n" +
            string.Join("\n", missing.Order(StringComparer.Ordinal).Take(200).Select(m => "- " + m)) + (missing.Count > 200 ? $"\n… and {missing.Count - 200} more" : ""), ct);
        return DueOutcome.Done;
    }
}

/// <summary><c>Breach:RenotifyAfter</c> after the initial notice: the notice goes again to unacknowledged customers' security and privacy contacts.</summary>
public sealed class BreachRenotify(BreachReader reader, BreachNoticeQueue queue) : IDueHandler
{
    public string Kind => BreachDueKinds.Renotify;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await reader.BreachAsync(hint.ItemKey, ct) is not { InitialSent: true, Status: not BreachStatus.Closed } breach) return DueOutcome.NothingDue;
        await queue.EnqueueAsync(BreachNoticePage.First(breach.BreachId, BreachNoticeKeys.Renotify), null, ct);
        return DueOutcome.Done;
    }
}

/// <summary><c>Breach:EscalateAfter</c> after the initial notice: the DPO gets the customers that have not acknowledged (<c>breach.escalated</c>).</summary>
public sealed class BreachEscalation(BreachReader reader, DpoAlerts alerts, IIntegrationEventPublisher events) : IDueHandler
{
    public string Kind => BreachDueKinds.Escalate;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken ct)
    {
        if (await reader.BreachAsync(hint.ItemKey, ct) is not { InitialSent: true } breach) return DueOutcome.NothingDue;
        var waiting = (await reader.NotifiedAsync(breach.BreachId, ct)).Where(n => n.AcknowledgedAt is null).Select(n => n.CustomerId).Order(StringComparer.Ordinal).ToArray();
        if (waiting.Length == 0) return DueOutcome.NothingDue;
        await alerts.RaiseAsync("breach-unacknowledged", breach.BreachId, $"Breach {breach.BreachId}: {waiting.Length} customer(s) have not acknowledged",
            $"These customers were notified of breach {breach.BreachId} and have not acknowledged, even after the re-notification. Contact them directly:\n\n" +
            string.Join("\n", waiting.Take(200).Select(w => "- " + w)) + (waiting.Length > 200 ? $"\n… and {waiting.Length - 200} more" : ""), ct);
        await events.PublishAsync(BreachEvents.Of(BreachEvents.Escalated, breach, "unacknowledged", now,
            new JsonObject { ["unacknowledged"] = new JsonArray(waiting.Select(w => (JsonNode)w).ToArray()) }).Event, ct);
        return DueOutcome.Done;
    }
}
