namespace PrivacyFunctions.Platform.Audit;

/// <summary>
/// Where one aggregate type keeps its audit chain. By default a chain has a partition of its own in the
/// <c>AuditTrail</c> table (<c>{type}|{id}</c>, entries keyed by sequence, a <c>head</c> row). An aggregate changed
/// through the capability kit keeps its chain in its own partition, next to its state, so that a change and its
/// audit entry are one entity-group transaction: entries are rows <c>{row}~audit~{sequence}</c> and the head is the
/// aggregate's own row (columns <c>LastSequence</c>, <c>LastHash</c>).
/// </summary>
public sealed record AuditLocation(string AggregateType, string Table, Func<string, (string Partition, string Row)> KeyOf, Func<string, bool> IsValidId)
{
    public const string EntryInfix = "~audit~";

    public (string Partition, string HeadRow, string EntryPrefix) Of(string aggregateId)
    {
        var (partition, row) = KeyOf(aggregateId);
        return (partition, row, row + EntryInfix);
    }
}

/// <summary>The audit locations registered by aggregate kinds; any other type uses the <c>AuditTrail</c> table.</summary>
public sealed class AuditLocations(IEnumerable<AuditLocation> locations)
{
    private readonly Dictionary<string, AuditLocation> _byType = locations.ToDictionary(l => l.AggregateType, StringComparer.Ordinal);

    public AuditLocation? Find(string aggregateType) => _byType.GetValueOrDefault(aggregateType);
}
