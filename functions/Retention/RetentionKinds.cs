using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Retention;

/// <summary>
/// How a disposition is stored (table <c>Retention</c>): PartitionKey = disposition id, RowKey <c>disposition</c>; the
/// disposition as JSON plus <c>CustomerId</c> and <c>Status</c> columns; its audit chain beside it.
/// </summary>
public sealed partial class DispositionKind : AggregateKind<Disposition>
{
    public const string Type = "disposition";

    public static readonly JsonSerializerOptions SerializerOptions = AggregateJson.Options;

    public override string AggregateType => Type;
    public override string DueFamily => RetentionDueKinds.Family;
    public override string Table => StorageNames.Tables.Retention;
    public override JsonSerializerOptions Json => SerializerOptions;

    public override (string Partition, string Row) KeyOf(string aggregateId) =>
        IsValidId(aggregateId) ? (aggregateId, "disposition") : throw new InvalidTableKeyException("dispositionId");

    public override bool IsValidId(string aggregateId) => IdPattern().IsMatch(aggregateId);

    public override void AddColumns(TableEntity row, Disposition state)
    {
        row["CustomerId"] = state.CustomerId;
        row["Status"] = state.Status.ToWire();
    }

    /// <summary>One disposition per customer, end date and set of products: the natural key of a termination.</summary>
    public static string IdFor(string customerId, DateTimeOffset endsAt, IEnumerable<string> products) =>
        "dsp-" + Hash(customerId + "\n" + endsAt.ToUniversalTime().ToString("O") + "\n" + string.Join(",", products.Order(StringComparer.Ordinal)));

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];

    [GeneratedRegex(@"\Adsp-[0-9a-f]{24}\z")]
    public static partial Regex IdPattern();
}

/// <summary>How a legal hold is stored (table <c>Retention</c>): PartitionKey = hold id, RowKey <c>hold</c>, with <c>CustomerId</c> and <c>Status</c> columns.</summary>
public sealed partial class LegalHoldKind : AggregateKind<LegalHold>
{
    public const string Type = "legal-hold";

    public override string AggregateType => Type;
    public override string DueFamily => RetentionDueKinds.Family;
    public override string Table => StorageNames.Tables.Retention;
    public override JsonSerializerOptions Json => DispositionKind.SerializerOptions;

    public override (string Partition, string Row) KeyOf(string aggregateId) =>
        IsValidId(aggregateId) ? (aggregateId, "hold") : throw new InvalidTableKeyException("holdId");

    public override bool IsValidId(string aggregateId) => IdPattern().IsMatch(aggregateId);

    public override void AddColumns(TableEntity row, LegalHold state)
    {
        row["CustomerId"] = state.CustomerId;
        row["Status"] = LegalHold.Statuses.Of(state.Status);
    }

    [GeneratedRegex(@"\Ahold-[0-9a-f]{24}\z")]
    public static partial Regex IdPattern();
}
