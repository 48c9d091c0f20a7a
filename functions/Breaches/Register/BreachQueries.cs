using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Localization;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// The breach register's read side (Art. 33(5)): the DPO office's filtered, paged list, one breach's detail with every
/// notified customer, its clocks and its deliveries, and the documentation export for a period. Reads only.
/// </summary>
public sealed class BreachQueries(
    StorageAccount storage, BreachKind breaches, CustomerNoticeKind notices, CustomerKind customerKind, AggregateChanges changes,
    CustomerDirectory customers, EmailDeliveryStore deliveries, BreachNoticeSnapshots snapshots, IOptions<BreachOptions> options, TimeProvider clock)
{
    /// <summary>Above this many notified customers the detail reads the customer directory in one scan instead of one read each.</summary>
    public const int CustomerReadsBeforeScan = 25;

    /// <summary>
    /// One page of the breaches whose <c>AwareAt</c> is in [<paramref name="from"/>, <paramref name="to"/>) (either end
    /// open when null), in store order (by breach id), continued with the Table service's continuation.
    /// </summary>
    public async Task<(IReadOnlyList<Breach> Items, string? ContinuationToken)> ListAsync(
        BreachStatus? status, DateTimeOffset? from, DateTimeOffset? to, int pageSize, string? storeContinuation, CancellationToken ct)
    {
        var table = await storage.TableAsync(breaches.Table, ct);
        await foreach (var page in table.QueryAsync<TableEntity>(Filter(status, from, to), pageSize, cancellationToken: ct).AsPages(storeContinuation, pageSize))
            return (page.Values.Select(ToBreach).ToArray(), page.ContinuationToken);
        return ([], null);
    }

    /// <summary>The breach and everything the register shows of it, or null when there is no such breach.</summary>
    public async Task<BreachDetail?> DetailAsync(string breachId, CancellationToken ct)
    {
        if (!breaches.IsValidId(breachId) || await changes.FindAsync(breaches, breachId, ct) is not { } stored) return null;
        var breach = stored.State;
        var noticed = await CustomerNoticesAsync(breachId, ct);
        var proofs = await deliveries.ProofsStartingWithAsync(BreachNoticeKeys.BreachPrefix(breachId), ct);

        var byCustomer = new Dictionary<string, List<(string Tag, BreachDeliveryView Delivery)>>(StringComparer.Ordinal);
        foreach (var proof in proofs)
        {
            if (ParseKey(breachId, proof.Key) is not { } key) continue; // not a customer notice of this breach (never expected)
            if (!byCustomer.TryGetValue(key.CustomerId, out var list)) byCustomer[key.CustomerId] = list = [];
            list.Add((key.Tag, new BreachDeliveryView(key.RecipientId, proof.Status.ToString().ToLowerInvariant(), proof.SentAt, proof.FailedAt,
                proof.FailureReason)));
        }

        var ids = noticed.Keys.Union(byCustomer.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var zones = await TimeZonesAsync(noticed.Keys.ToArray(), ct);
        var views = ids.Select(id =>
        {
            var notice = noticed.GetValueOrDefault(id);
            var zone = zones.GetValueOrDefault(id);
            var emails = byCustomer.GetValueOrDefault(id) ?? [];
            var grouped = emails.GroupBy(e => e.Tag, StringComparer.Ordinal)
                .OrderBy(g => TagOrder(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new BreachNoticeDeliveries(g.Key, g.Select(e => e.Delivery).OrderBy(d => d.RecipientId, StringComparer.Ordinal).ToArray()))
                .ToArray();
            return new BreachCustomerView(id, notice is not null, notice?.NotifiedAt, notice?.ClockEndsAt,
                notice is null ? null : ZonedTime.Format(notice.ClockEndsAt, zone ?? "UTC"), zone, notice?.LastNotice,
                notice?.AcknowledgedAt, notice?.AcknowledgedBy, notice?.AcknowledgedRole, notice?.RenotifiedAt, grouped);
        }).ToArray();

        var counts = new BreachCounts(noticed.Count, noticed.Values.Count(n => n.AcknowledgedAt is not null),
            proofs.Count(p => p.Status == EmailDeliveryStatus.Sent), proofs.Count(p => p.Status == EmailDeliveryStatus.Pending),
            proofs.Count(p => p.Status == EmailDeliveryStatus.Failed));
        return new BreachDetail(BreachView.From(breach, await snapshots.ReadAllAsync(breachId, ct)), ClocksOf(breach), breach.Facts.Missing(), counts, views, stored.Version);
    }

    /// <summary>The Art. 33(5) documentation of every breach we became aware of in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public async Task<BreachExport> ExportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var table = await storage.TableAsync(breaches.Table, ct);
        var found = new List<Breach>();
        await foreach (var row in table.QueryAsync<TableEntity>(Filter(null, from, to), cancellationToken: ct))
            found.Add(ToBreach(row));
        var items = new List<BreachExportItem>(found.Count);
        foreach (var b in found.OrderBy(b => b.AwareAt).ThenBy(b => b.BreachId, StringComparer.Ordinal))
        {
            var noticed = await CustomerNoticesAsync(b.BreachId, ct);
            var said = b.Notices.Count == 0 ? new Dictionary<string, NoticeSnapshot>() : await snapshots.ReadAllAsync(b.BreachId, ct);
            items.Add(new BreachExportItem(b.BreachId, b.Status.ToWire(), b.Source, b.AwareAt, b.Facts, b.Facts.LikelyConsequences, b.Facts.Measures,
                AssessmentView.From(b.Assessment), b.Notices.Select(n => SentNoticeView.From(n, said)).ToArray(), b.ClosedAt, b.ClosureSummary,
                noticed.Values.OrderBy(n => n.CustomerId, StringComparer.Ordinal)
                    .Select(n => new BreachExportCustomer(n.CustomerId, n.NotifiedAt, n.AcknowledgedAt, n.AcknowledgedRole, n.RenotifiedAt)).ToArray()));
        }
        return new BreachExport(from, to, clock.GetUtcNow(), items);
    }

    public BreachClocks ClocksOf(Breach breach) =>
        new(breach.AwareAt, breach.AwareAt + options.Value.AssessWithin, breach.AwareAt + options.Value.NotifyWithin);

    private static string Filter(BreachStatus? status, DateTimeOffset? from, DateTimeOffset? to)
    {
        var filter = TableClient.CreateQueryFilter($"Aggregate eq {BreachKind.Type}");
        if (status is { } s) filter += " and " + TableClient.CreateQueryFilter($"Status eq {s.ToWire()}");
        if (from is { } f) filter += " and " + TableClient.CreateQueryFilter($"AwareAt ge {f.ToUniversalTime()}");
        if (to is { } t) filter += " and " + TableClient.CreateQueryFilter($"AwareAt lt {t.ToUniversalTime()}");
        return filter;
    }

    private Breach ToBreach(TableEntity row) => AggregateRows.FromEntity(breaches, row.PartitionKey, row).State;

    /// <summary>The notified customers of a breach: one partition query (its audit rows are skipped).</summary>
    private async Task<Dictionary<string, CustomerNotice>> CustomerNoticesAsync(string breachId, CancellationToken ct)
    {
        var table = await storage.TableAsync(notices.Table, ct);
        var result = new Dictionary<string, CustomerNotice>(StringComparer.Ordinal);
        var partition = CustomerNoticeKind.PartitionOf(breachId);
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Aggregate eq {CustomerNoticeKind.Type}"), cancellationToken: ct))
        {
            var notice = AggregateRows.FromEntity(notices, CustomerNoticeKind.Id(breachId, row.RowKey), row).State;
            result[notice.CustomerId] = notice;
        }
        return result;
    }

    /// <summary>Each customer's IANA time zone: one read each for a few customers, one scan of the directory for many.</summary>
    private async Task<Dictionary<string, string>> TimeZonesAsync(IReadOnlyList<string> customerIds, CancellationToken ct)
    {
        var zones = new Dictionary<string, string>(StringComparer.Ordinal);
        if (customerIds.Count == 0) return zones;
        if (customerIds.Count <= CustomerReadsBeforeScan)
        {
            foreach (var id in customerIds)
                if (customerKind.IsValidId(id) && await customers.GetAsync(id, ct) is { } stored)
                    zones[id] = stored.Customer.TimeZone;
            return zones;
        }
        var wanted = customerIds.ToHashSet(StringComparer.Ordinal);
        var table = await storage.TableAsync(customerKind.Table, ct);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Aggregate eq {CustomerKind.Type}"), cancellationToken: ct))
            if (wanted.Contains(row.PartitionKey))
                zones[row.PartitionKey] = AggregateRows.FromEntity(customerKind, row.PartitionKey, row).State.TimeZone;
        return zones;
    }

    /// <summary>The tag, customer and recipient of a delivery key of this breach, or null for a key of another shape.</summary>
    private static (string Tag, string CustomerId, string RecipientId)? ParseKey(string breachId, string key)
    {
        var prefix = BreachNoticeKeys.BreachPrefix(breachId);
        if (!key.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = key[prefix.Length..];
        var first = rest.IndexOf('.');
        var last = rest.LastIndexOf('.');
        return first > 0 && last > first + 1 && last < rest.Length - 1 ? BreachNoticeKeys.Parse(breachId, key) : null;
    }

    /// <summary>Notices in the order they are sent: initial, updates by number, closure; re-notifications and others last.</summary>
    private static long TagOrder(string tag) => tag switch
    {
        "initial" => 0,
        "closure" => int.MaxValue + 1L,
        _ when tag.StartsWith("update-", StringComparison.Ordinal) && int.TryParse(tag.AsSpan(7), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => int.MaxValue + 2L,
    };
}
