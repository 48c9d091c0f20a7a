using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Platform.Audit;

namespace PrivacyFunctions.Customers;

public enum CustomerPutOutcome { Created, Updated, Unchanged, PreconditionFailed, Conflict }

public sealed record CustomerPutResult(CustomerPutOutcome Outcome, StoredCustomer? Customer);

/// <summary>
/// Keeps the customer directory. Every change is one conditional write followed by an audit entry
/// (docs/audit.md); the row remembers the last audited version, so an audit entry that a crash skipped is
/// appended by the next request for that customer (a retried PUT included) before anything else happens.
/// </summary>
public sealed partial class CustomerDirectory(CustomerStore store, AuditTrail audit, TimeProvider clock, ILogger<CustomerDirectory> logger)
{
    public const string AggregateType = "customer";
    private const int MaxAttempts = 5;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredCustomer?> GetAsync(string customerId, CancellationToken cancellationToken) =>
        (await store.FindAsync(customerId, cancellationToken))?.Stored;

    /// <summary>Creates or replaces a customer. <paramref name="ifMatch"/> (an ETag or <c>*</c>) makes the write conditional.</summary>
    public async Task<CustomerPutResult> PutAsync(Customer customer, string? ifMatch, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.FindAsync(customer.CustomerId, cancellationToken);
            if (current is not null)
                current = await CompleteAuditAsync(current, actor, cancellationToken);

            if (ifMatch is not null && (current is null || (ifMatch != "*" && ifMatch != current.Stored.ETag)))
                return new CustomerPutResult(CustomerPutOutcome.PreconditionFailed, current?.Stored);

            var now = clock.GetUtcNow();
            if (current is null)
            {
                var etag = await store.TryAddAsync(customer, now, cancellationToken);
                if (etag is null) continue; // created concurrently: re-read and treat as an update
                etag = await RecordAsync(customer.CustomerId, etag, 1, "customer.created", actor, ChangedFields(null, customer), cancellationToken);
                LogSaved(logger, customer.CustomerId, CustomerPutOutcome.Created, 1);
                return new CustomerPutResult(CustomerPutOutcome.Created, new StoredCustomer(customer, etag, 1, now));
            }

            var changed = ChangedFields(current.Stored.Customer, customer);
            if (changed.Count == 0)
            {
                LogSaved(logger, customer.CustomerId, CustomerPutOutcome.Unchanged, current.Stored.Version);
                return new CustomerPutResult(CustomerPutOutcome.Unchanged, current.Stored);
            }

            var newEtag = await store.TryReplaceAsync(customer, current, now, cancellationToken);
            if (newEtag is null)
            {
                if (ifMatch is not null) return new CustomerPutResult(CustomerPutOutcome.PreconditionFailed, null);
                continue; // someone else changed it between our read and write: decide again on fresh state
            }
            var version = current.Stored.Version + 1;
            newEtag = await RecordAsync(customer.CustomerId, newEtag, version, "customer.updated", actor, changed, cancellationToken);
            LogSaved(logger, customer.CustomerId, CustomerPutOutcome.Updated, version);
            return new CustomerPutResult(CustomerPutOutcome.Updated, new StoredCustomer(customer, newEtag, version, now));
        }
        return new CustomerPutResult(CustomerPutOutcome.Conflict, null);
    }

    private async Task<StoredCustomerRow> CompleteAuditAsync(StoredCustomerRow row, string actor, CancellationToken cancellationToken)
    {
        if (row.AuditedVersion >= row.Stored.Version)
            return row;
        // The previous write's audit entry was lost to a crash: record it now, marked as recovered.
        var etag = await RecordAsync(row.Stored.Customer.CustomerId, row.Stored.ETag, row.Stored.Version,
            row.Stored.Version == 1 ? "customer.created" : "customer.updated", actor, [], cancellationToken, recovered: true);
        return new StoredCustomerRow(row.Stored with { ETag = etag }, row.Stored.Version);
    }

    private async Task<string> RecordAsync(string customerId, string etag, int version, string action, string actor,
        IReadOnlyList<string> changed, CancellationToken cancellationToken, bool recovered = false)
    {
        // Field names and the version only: contact addresses are personal data and stay out of the trail.
        var data = new JsonObject { ["version"] = version, ["changed"] = new JsonArray(changed.Select(c => (JsonNode)c).ToArray()) };
        if (recovered) data["recovered"] = true;
        await audit.AppendOnceAsync($"v{version}", AggregateType, customerId, action, actor, data, cancellationToken);
        return await store.MarkAuditedAsync(customerId, etag, version, cancellationToken) ?? etag;
    }

    /// <summary>The top-level fields (and contact roles) that differ; every field for a new customer.</summary>
    public static IReadOnlyList<string> ChangedFields(Customer? before, Customer after)
    {
        var changed = new List<string>();
        void Compare(string field, object? a, object? b)
        {
            if (before is null || JsonSerializer.Serialize(a, Json) != JsonSerializer.Serialize(b, Json))
                changed.Add(field);
        }
        Compare("name", before?.Name, after.Name);
        Compare("contacts.privacy", before?.Contacts.Privacy, after.Contacts.Privacy);
        Compare("contacts.security", before?.Contacts.Security, after.Contacts.Security);
        Compare("contacts.dsr", before?.Contacts.Dsr, after.Contacts.Dsr);
        Compare("endUserContact", before?.EndUserContact, after.EndUserContact);
        Compare("locale", before?.Locale, after.Locale);
        Compare("timeZone", before?.TimeZone, after.TimeZone);
        Compare("products", before?.Products, after.Products);
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId} {Outcome} at version {Version}")]
    private static partial void LogSaved(ILogger logger, string customerId, CustomerPutOutcome outcome, int version);
}
