using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// How an objection is stored (table <c>SubProcessorObjections</c>): PartitionKey = objection id, RowKey <c>objection</c>;
/// <c>ChangeId</c>, <c>CustomerId</c> and <c>Status</c> columns for the DPO's list; its audit chain beside it.
/// </summary>
public sealed partial class ObjectionKind : AggregateKind<Objection>
{
    public const string Type = "subprocessor-objection";
    private const string Row = "objection";

    public override string AggregateType => Type;
    public override string DueFamily => SubProcessorDueKinds.Family;
    public override string Table => StorageNames.Tables.SubProcessorObjections;
    public override JsonSerializerOptions Json => ChangeKind.SerializerOptions;

    public override (string Partition, string Row) KeyOf(string aggregateId) =>
        IsValidId(aggregateId) ? (aggregateId, Row) : throw new InvalidTableKeyException("objectionId");

    public override bool IsValidId(string aggregateId) => IdPattern().IsMatch(aggregateId);

    public override void AddColumns(TableEntity row, Objection state)
    {
        row["ChangeId"] = state.ChangeId;
        row["CustomerId"] = state.CustomerId;
        row["Status"] = state.Status.ToWire();
    }

    [GeneratedRegex(@"\Aobj-[0-9a-f]{24}\z")]
    public static partial Regex IdPattern();
}
