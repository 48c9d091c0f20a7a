using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// How a change is stored (table <c>SubProcessors</c>): PartitionKey <c>change~{changeId}</c>, RowKey <c>change</c>,
/// the change as JSON plus <c>Status</c> and <c>AnnouncedAt</c> columns; its audit chain and fan-out markers beside it.
/// </summary>
public sealed class ChangeKind : AggregateKind<SubProcessorChange>
{
    public const string Type = "subprocessor-change";
    public const string Row = "change";

    public static readonly JsonSerializerOptions SerializerOptions = AggregateJson.Options;

    public override string AggregateType => Type;
    public override string DueFamily => SubProcessorDueKinds.Family;
    public override string Table => StorageNames.Tables.SubProcessors;
    public override JsonSerializerOptions Json => SerializerOptions;

    public static string PartitionOf(string changeId) => "change~" + changeId;

    public override (string Partition, string Row) KeyOf(string aggregateId) =>
        IsValidId(aggregateId) ? (PartitionOf(aggregateId), Row) : throw new InvalidTableKeyException("changeId");

    public override bool IsValidId(string aggregateId) => JsonFields.IdPattern().IsMatch(aggregateId);

    public override void AddColumns(TableEntity row, SubProcessorChange state)
    {
        row["Status"] = state.Status.ToWire();
        row["AnnouncedAt"] = state.AnnouncedAt.ToUniversalTime();
    }
}
