using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// How a request is stored (table <c>DataSubjectRequests</c>): PartitionKey = customer id (the customer's list is one
/// partition), RowKey = request id; the request as JSON plus <c>Status</c>, <c>ReceivedAt</c> (listing) and
/// <c>CustomerVersion</c> (<see cref="DsrCustomerCopies"/>) columns;
/// its audit chain beside it (<c>{requestId}~audit~{sequence}</c>).
/// </summary>
public sealed class DsrKind : AggregateKind<DataSubjectRequest>
{
    public const string Type = "dsr";

    private static readonly JsonSerializerOptions SerializerOptions = AggregateJson.Options;

    public override string AggregateType => Type;
    public override string Table => StorageNames.Tables.DataSubjectRequests;
    public override JsonSerializerOptions Json => SerializerOptions;

    public override (string Partition, string Row) KeyOf(string aggregateId) =>
        (RequestIds.CustomerOf(aggregateId) ?? throw new InvalidTableKeyException("requestId"), aggregateId);

    public override bool IsValidId(string aggregateId) => RequestIds.CustomerOf(aggregateId) is not null;

    public override void AddColumns(TableEntity row, DataSubjectRequest state)
    {
        row["Status"] = state.Status.ToWire();
        row["ReceivedAt"] = state.ReceivedAt.ToUniversalTime();
        row["CustomerVersion"] = state.CustomerVersion; // lets a customer update find the open requests with an older copy
    }
}
