using System.Text.Json;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Audit;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>
/// How one kind of aggregate is stored: its table, where an aggregate's row is (<see cref="KeyOf"/>), how its state
/// is serialized, and which columns a query needs besides the document. Its audit chain lives in the same partition
/// (<see cref="AuditLocation"/>), so a change, its audit entries, its pending effects and any claim rows are one
/// entity-group transaction. Register it with <c>AddAggregate</c>.
/// </summary>
public abstract class AggregateKind<TState>
{
    /// <summary>The audit type and the family of its due kinds, e.g. <c>dsr</c>, <c>customer</c>.</summary>
    public abstract string AggregateType { get; }

    /// <summary>The due family whose sweep recovers this kind's unperformed effects (<c>{family}.effects</c>).</summary>
    public virtual string DueFamily => AggregateType;

    public abstract string Table { get; }

    /// <summary>PartitionKey and RowKey of the aggregate's row; both from validated ids only.</summary>
    public abstract (string Partition, string Row) KeyOf(string aggregateId);

    /// <summary>Whether <paramref name="aggregateId"/> can name an aggregate of this kind (<see cref="KeyOf"/> accepts it).</summary>
    public abstract bool IsValidId(string aggregateId);

    public abstract JsonSerializerOptions Json { get; }

    /// <summary>Extra columns for queries (e.g. a status to filter on); never personal data.</summary>
    public virtual void AddColumns(TableEntity row, TState state) { }

    /// <summary>
    /// The due kind of this aggregate's effects recovery: <c>{family}.effects</c> when the family is the aggregate type
    /// (<c>dsr.effects</c>), else <c>{family}.{aggregateType}.effects</c> — a family may hold several aggregate kinds.
    /// </summary>
    /// <summary>How the aggregate is named in logs (its id; a kind whose id derives from personal data shortens it).</summary>
    public virtual string LogId(string aggregateId) => aggregateId;

    public string EffectsDueKind => DueFamily == AggregateType ? DueFamily + ".effects" : $"{DueFamily}.{AggregateType}.effects";

    public AuditLocation AuditLocation => new(AggregateType, Table, KeyOf, IsValidId);
}

/// <summary>The JSON options aggregate documents share: web defaults (camelCase) with enums written as camelCase strings.</summary>
public static class AggregateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
