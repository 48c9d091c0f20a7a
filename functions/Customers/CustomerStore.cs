using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Customers;

/// <summary>
/// The customer directory table: one row per customer (PartitionKey = customer id, RowKey <c>profile</c>),
/// the customer as a JSON document, a change counter, and the last version recorded in the audit trail
/// (so that an audit entry a crash skipped is written by the next change).
/// </summary>
public sealed class CustomerStore(StorageAccount storage)
{
    private const string ProfileRow = "profile";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredCustomerRow?> FindAsync(string customerId, CancellationToken cancellationToken)
    {
        TableKeys.EnsureValid(customerId, nameof(customerId));
        var table = await storage.TableAsync(StorageNames.Tables.Customers, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(customerId, ProfileRow, cancellationToken: cancellationToken);
        if (!response.HasValue)
            return null;
        var entity = response.Value!;
        return new StoredCustomerRow(
            new StoredCustomer(
                JsonSerializer.Deserialize<Customer>(entity.GetString("Document"), Json)!,
                entity.ETag.ToString(),
                entity.GetInt32("Version") ?? 1,
                entity.GetDateTimeOffset("UpdatedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue),
            entity.GetInt32("AuditedVersion") ?? 0);
    }

    /// <summary>Inserts a new customer; null when another request created it first.</summary>
    public async Task<string?> TryAddAsync(Customer customer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.Tables.Customers, cancellationToken);
        return (await table.TryAddAsync(ToEntity(customer, version: 1, auditedVersion: 0, now), cancellationToken))?.ToString();
    }

    /// <summary>Replaces the customer if its ETag still matches; null when it changed meanwhile.</summary>
    public async Task<string?> TryReplaceAsync(Customer customer, StoredCustomerRow current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.Tables.Customers, cancellationToken);
        var entity = ToEntity(customer, current.Stored.Version + 1, current.AuditedVersion, now);
        return (await table.TryUpdateAsync(entity, new ETag(current.Stored.ETag), TableUpdateMode.Replace, cancellationToken))?.ToString();
    }

    /// <summary>Records that the audit trail holds <paramref name="version"/>; a lost race is fine (the winner records its own).</summary>
    public async Task<string?> MarkAuditedAsync(string customerId, string etag, int version, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.Tables.Customers, cancellationToken);
        var patch = new TableEntity(customerId, ProfileRow) { ["AuditedVersion"] = version };
        return (await table.TryUpdateAsync(patch, new ETag(etag), TableUpdateMode.Merge, cancellationToken))?.ToString();
    }

    private static TableEntity ToEntity(Customer customer, int version, int auditedVersion, DateTimeOffset now) => new(customer.CustomerId, ProfileRow)
    {
        ["Document"] = JsonSerializer.Serialize(customer, Json),
        ["Version"] = version,
        ["AuditedVersion"] = auditedVersion,
        ["UpdatedAt"] = now.ToUniversalTime(),
    };
}

public sealed record StoredCustomerRow(StoredCustomer Stored, int AuditedVersion);
