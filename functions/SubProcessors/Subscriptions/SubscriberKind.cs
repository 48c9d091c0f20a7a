using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>
/// How a subscriber is stored (table <c>SubProcessorSubscribers</c>): PartitionKey = the SHA-256 hex of the
/// lower-cased address (<c>EmailDelivery.HashRecipient</c>; the aggregate id), RowKey <c>subscriber</c>, with its audit
/// chain beside it. Column <c>Status</c> lets the notice fan-out read only confirmed subscribers. The same table holds
/// the hourly confirmation counters (PartitionKey <c>rate~yyyyMMddHH</c>, <see cref="ConfirmationRateLimit"/>).
/// Its effects are recovered by its effects checks and, when one keeps failing, by the <c>subprocessor</c> sweep under its
/// own kind, <c>subprocessor.{aggregateType}.effects</c>.
/// </summary>
public sealed partial class SubscriberKind : AggregateKind<Subscriber>
{
    public const string Type = "subprocessor-subscriber";
    public const string SubscriberRow = "subscriber";
    public const string StatusColumn = "Status";

    private static readonly JsonSerializerOptions SerializerOptions = AggregateJson.Options;

    public override string AggregateType => Type;

    /// <summary>Swept by the <c>subprocessor</c> family (its effects hint, when an effects check keeps failing: <c>subprocessor.{aggregateType}.effects</c>).</summary>
    public override string DueFamily => SubProcessorDueKinds.Family;

    public override string Table => StorageNames.Tables.SubProcessorSubscribers;

    /// <summary>The id is the full SHA-256 of an address (guessable): logs name the 16-digit short id only, as the mailing list does.</summary>
    public override string LogId(string aggregateId) => aggregateId.Length > 16 ? aggregateId[..16] : aggregateId;
    public override JsonSerializerOptions Json => SerializerOptions;

    public override bool IsValidId(string aggregateId) => HashPattern().IsMatch(aggregateId);

    public override (string Partition, string Row) KeyOf(string aggregateId)
    {
        if (!IsValidId(aggregateId)) throw new InvalidTableKeyException("subscriberId");
        return (aggregateId, SubscriberRow);
    }

    public override void AddColumns(TableEntity row, Subscriber state) => row[StatusColumn] = Subscriber.WireName(state.Status);

    [GeneratedRegex(@"\A[0-9a-f]{64}\z")]
    private static partial Regex HashPattern();

    [GeneratedRegex(@"\A[0-9a-f]{16}\z")]
    public static partial Regex ShortIdPattern();
}
