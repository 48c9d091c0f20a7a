using System.Text.Json;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Customers;

/// <summary>
/// How a customer is stored (table <c>Customers</c>): one row per customer (PartitionKey = customer id, RowKey
/// <c>profile</c>) holding the customer as a JSON document, with its audit chain beside it in the same partition
/// (<c>profile~audit~{sequence}</c>), so a change and its audit entry are one transaction.
/// </summary>
public sealed class CustomerKind : AggregateKind<Customer>
{
    public const string Type = "customer";
    private const string ProfileRow = "profile";
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public override string AggregateType => Type;
    public override string Table => StorageNames.Tables.Customers;
    public override JsonSerializerOptions Json => SerializerOptions;

    public override bool IsValidId(string aggregateId) => Platform.Http.JsonFields.IdPattern().IsMatch(aggregateId);

    public override (string Partition, string Row) KeyOf(string aggregateId)
    {
        TableKeys.EnsureValid(aggregateId, "customerId");
        return (aggregateId, ProfileRow);
    }
}
