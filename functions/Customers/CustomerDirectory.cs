using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.Customers;

public enum CustomerPutOutcome { Created, Updated, Unchanged, PreconditionFailed, Conflict, Ended }

public sealed record CustomerPutResult(CustomerPutOutcome Outcome, StoredCustomer? Customer);

/// <summary>
/// Keeps the customer directory through the capability kit: a change of a customer and its audit entry (the changed
/// field names and the version, never the addresses) are one transaction, so the trail never misses a change.
/// </summary>
public sealed partial class CustomerDirectory(AggregateChanges changes, CustomerKind kind, ILogger<CustomerDirectory> logger)
{
    public const string AggregateType = CustomerKind.Type;
    private const string PreconditionFailed = "precondition-failed";
    private const string Ended = "ended";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredCustomer?> GetAsync(string customerId, CancellationToken cancellationToken) =>
        await changes.FindAsync(kind, customerId, cancellationToken) is { } stored ? ToStored(stored) : null;

    /// <summary>Creates or replaces a customer. <paramref name="ifMatch"/> (an ETag or <c>*</c>) makes the write conditional.</summary>
    public async Task<CustomerPutResult> PutAsync(Customer customer, string? ifMatch, string actor, CancellationToken cancellationToken)
    {
        var result = await changes.ApplyAsync(kind, customer.CustomerId, actor, (current, _) =>
        {
            // The contract has ended and the contacts were erased (CustomerEnding): the directory never takes them back.
            if (current?.State.Status == CustomerStatus.Ended) return Decision<Customer>.Refuse(Ended);
            if (ifMatch is not null && (current is null || (ifMatch != "*" && new ETag(ifMatch) != current.ETag)))
                return Decision<Customer>.Refuse(PreconditionFailed);
            var changed = ChangedFields(current?.State, customer);
            if (changed.Count == 0) return Decision<Customer>.Unchanged;
            var version = (current?.Version ?? 0) + 1;
            // Field names and the version only: contact addresses are personal data and stay out of the trail.
            var data = new JsonObject { ["version"] = version, ["changed"] = new JsonArray(changed.Select(c => (JsonNode)c).ToArray()) };
            // An update reaches the copies other capabilities keep of the customer (e.g. on open data subject requests).
            return Decision<Customer>.Change(customer, [new AuditRecord(current is null ? "customer.created" : "customer.updated", data)],
                current is null ? [] : [new RefreshCustomerCopies(customer.CustomerId, version)]);
        }, cancellationToken);

        var stored = result.Stored is null ? null : ToStored(result.Stored);
        var outcome = result.Outcome switch
        {
            ChangeOutcome.Changed => stored!.Version == 1 ? CustomerPutOutcome.Created : CustomerPutOutcome.Updated,
            ChangeOutcome.Unchanged => CustomerPutOutcome.Unchanged,
            ChangeOutcome.Refused when result.Error == PreconditionFailed => CustomerPutOutcome.PreconditionFailed,
            ChangeOutcome.Refused when result.Error == Ended => CustomerPutOutcome.Ended,
            _ => CustomerPutOutcome.Conflict,
        };
        LogSaved(logger, customer.CustomerId, outcome, stored?.Version ?? 0);
        return new CustomerPutResult(outcome, stored);
    }

    private static StoredCustomer ToStored(Stored<Customer> stored) =>
        new(stored.State, stored.ETag.ToString(), (int)stored.Version, stored.UpdatedAt);

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
    private static partial void LogSaved(ILogger logger, string customerId, CustomerPutOutcome outcome, long version);
}
