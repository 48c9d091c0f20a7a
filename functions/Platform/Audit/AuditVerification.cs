namespace PrivacyFunctions.Platform.Audit;

/// <summary>
/// The result of recomputing an aggregate's chain: valid, or the first sequence at which it breaks and why
/// (an edited, deleted, inserted or reordered entry, or a head that does not match the last entry).
/// </summary>
public sealed record AuditVerification(bool IsValid, long EntryCount, long? BrokenAtSequence, string? Reason)
{
    public static AuditVerification Valid(long entryCount) => new(true, entryCount, null, null);
    public static AuditVerification Broken(long entryCount, long sequence, string reason) => new(false, entryCount, sequence, reason);

    /// <summary>The <c>X-Audit-Chain</c> header value: <c>valid</c> or <c>broken;sequence=N</c>.</summary>
    public string HeaderValue => IsValid ? "valid" : $"broken;sequence={BrokenAtSequence}";
}
