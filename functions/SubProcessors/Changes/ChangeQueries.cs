using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors;

public sealed record DeliveryCounts(int Recipients, int Sent, int Pending, int Failed, int Customers, int CustomersNotified, int WindowsOpen,
    int WindowsClosed, int WindowsEndingAfterEffectiveAt, int Subscribers, int Objections, int Held);

public sealed record CustomerWindowView(string CustomerId, DateTimeOffset? DeliveredAt, DateTimeOffset? WindowEndsAt, string Window,
    bool EndsAfterEffectiveAt, string? ObjectionId, string? ObjectionStatus, bool Held);

public sealed record RecipientView(string Recipient, string Party, string? CustomerId, string Status, DateTimeOffset? SentAt, string? FailureReason);

public sealed record DeliveriesView(string ChangeId, string Status, DateTimeOffset EffectiveAt, DeliveryCounts Counts,
    IReadOnlyList<CustomerWindowView> Customers, IReadOnlyList<RecipientView> Recipients, string? ContinuationToken);

/// <summary>The public list of changes (all read and sorted newest first: changes are few) and the DPO office's delivery view.</summary>
public sealed class ChangeQueries(StorageAccount storage, ChangeKind kind, NoticeDeliveries deliveries, HeldCustomers held,
    ObjectionStore objections, TimeProvider clock)
{
    public const string ListScope = "subprocessor-changes";

    public async Task<IReadOnlyList<SubProcessorChange>> AllAsync(CancellationToken ct)
    {
        var table = await storage.TableAsync(kind.Table, ct);
        var changes = new List<SubProcessorChange>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Aggregate eq {ChangeKind.Type}"), cancellationToken: ct))
            changes.Add(AggregateRows.FromEntity(kind, row.PartitionKey["change~".Length..], row).State);
        return changes.OrderByDescending(c => c.AnnouncedAt).ThenBy(c => c.ChangeId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Per recipient and per customer: delivery, window (open, closed, not started), objection, hold — and the counts.</summary>
    public async Task<DeliveriesView> DeliveriesAsync(SubProcessorChange change, int offset, int pageSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var recipients = await deliveries.ReadAsync(change.ChangeId, ct);
        var assessment = await held.AssessAsync(change, now, ct);
        var byCustomer = await objections.ForChangeAsync(change.ChangeId, ct);
        var heldIds = (change.Status == ChangeStatus.Effective ? change.HeldCustomers : assessment.Held).Select(h => h.CustomerId).ToHashSet(StringComparer.Ordinal);
        var customers = assessment.Affected.Select(c =>
        {
            var window = assessment.Windows.GetValueOrDefault(c.CustomerId) ?? new ObjectionWindow(c.CustomerId, null, null);
            var objection = byCustomer.GetValueOrDefault(c.CustomerId);
            return new CustomerWindowView(c.CustomerId, window.DeliveredAt, window.EndsAt,
                window.EndsAt is null ? "notStarted" : window.IsOpenAt(now) ? "open" : "closed",
                window.EndsAt is not { } end || end > change.EffectiveAt, objection?.ObjectionId, objection?.Status.ToWire(), heldIds.Contains(c.CustomerId));
        }).OrderBy(c => c.CustomerId, StringComparer.Ordinal).ToArray();
        var counts = new DeliveryCounts(recipients.Count,
            recipients.Count(r => r.Status == EmailDeliveryStatus.Sent), recipients.Count(r => r.Status == EmailDeliveryStatus.Pending),
            recipients.Count(r => r.Status == EmailDeliveryStatus.Failed), customers.Length, customers.Count(c => c.DeliveredAt is not null),
            customers.Count(c => c.Window == "open"), customers.Count(c => c.Window == "closed"), customers.Count(c => c.EndsAfterEffectiveAt),
            recipients.Count(r => r.CustomerId is null), byCustomer.Count, customers.Count(c => c.Held));
        var page = recipients.Skip(offset).Take(pageSize).Select(r => new RecipientView(r.RecipientId, r.CustomerId is null ? "subscriber" : "customer",
            r.CustomerId, r.Status.ToString().ToLowerInvariant(), r.SentAt, r.FailureReason)).ToArray();
        return new DeliveriesView(change.ChangeId, change.Status.ToWire(), change.EffectiveAt, counts, customers, page,
            Platform.Http.QueryParameters.OffsetToken(offset + pageSize, recipients.Count, DeliveriesScope(change.ChangeId)));
    }

    public static string DeliveriesScope(string changeId) => "subprocessor-deliveries:" + changeId;
}
