namespace PrivacyFunctions.Platform.Audit;

/// <summary>The entries of one aggregate in a period, with the verification of its whole chain.</summary>
public sealed record AuditExport(
    string AggregateType,
    string AggregateId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    bool Exists,
    IReadOnlyList<AuditEntry> Entries,
    AuditVerification Verification);
