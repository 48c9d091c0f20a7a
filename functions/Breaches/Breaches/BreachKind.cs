using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// How a breach is stored (table <c>Breaches</c>): PartitionKey = breach id, RowKey <c>breach</c>, the breach as JSON
/// plus <c>Status</c> and <c>AwareAt</c> columns for the register; its audit chain beside it.
/// </summary>
public sealed partial class BreachKind : AggregateKind<Breach>
{
    public const string Type = "breach";
    private const string Row = "breach";

    public static readonly JsonSerializerOptions SerializerOptions = AggregateJson.Options;

    public override string AggregateType => Type;
    public override string Table => StorageNames.Tables.Breaches;
    public override JsonSerializerOptions Json => SerializerOptions;

    public override (string Partition, string Row) KeyOf(string aggregateId) =>
        IsValidId(aggregateId) ? (aggregateId, Row) : throw new InvalidTableKeyException("breachId");

    public override bool IsValidId(string aggregateId) => IdPattern().IsMatch(aggregateId);

    public override void AddColumns(TableEntity row, Breach state)
    {
        row["Status"] = state.Status.ToWire();
        row["AwareAt"] = state.AwareAt.ToUniversalTime();
    }

    /// <summary>The id of a breach reported by <paramref name="source"/> under its <paramref name="externalId"/>: one breach per natural key.</summary>
    public static string IdFor(string source, string externalId) =>
        "brc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + externalId)))[..24];

    [GeneratedRegex(@"\Abrc-[0-9a-f]{24}\z")]
    public static partial Regex IdPattern();
}

/// <summary>
/// A customer's notice of a breach (table <c>Breaches</c>, PartitionKey <c>{breachId}~customers</c>, RowKey = customer
/// id): when it was first notified, its own 72-hour clock, its acknowledgement. Written once per notified customer in
/// the fan-out (with its audit entry, one transaction); one partition per breach lists every notified customer.
/// </summary>
public sealed record CustomerNotice(
    string BreachId,
    string CustomerId,
    DateTimeOffset NotifiedAt,
    DateTimeOffset ClockEndsAt,
    int LastNotice,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    string? AcknowledgedRole = null,
    DateTimeOffset? RenotifiedAt = null);

public sealed class CustomerNoticeKind : AggregateKind<CustomerNotice>
{
    public const string Type = "breach-customer";

    public override string AggregateType => Type;
    public override string DueFamily => BreachDueKinds.Family;
    public override string Table => StorageNames.Tables.Breaches;
    public override JsonSerializerOptions Json => BreachKind.SerializerOptions;

    /// <summary><c>{breachId}:{customerId}</c> (the audit trail's id charset).</summary>
    public static string Id(string breachId, string customerId) => $"{breachId}:{customerId}";

    public static string PartitionOf(string breachId) => breachId + "~customers";

    public override (string Partition, string Row) KeyOf(string aggregateId)
    {
        var at = aggregateId.IndexOf(':');
        if (at <= 0 || !IsValidId(aggregateId)) throw new InvalidTableKeyException("breach customer");
        return (PartitionOf(aggregateId[..at]), aggregateId[(at + 1)..]);
    }

    public override bool IsValidId(string aggregateId)
    {
        var at = aggregateId.IndexOf(':');
        return at > 0 && BreachKind.IdPattern().IsMatch(aggregateId[..at]) && Platform.Http.JsonFields.IdPattern().IsMatch(aggregateId[(at + 1)..]);
    }
}
