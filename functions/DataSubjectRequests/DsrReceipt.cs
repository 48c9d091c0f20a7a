namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// When the legal clock starts: at the processor's receipt, i.e. the earlier of the product's
/// <c>receivedAt</c> and our own clock. A product may have received the request before it called us; it
/// cannot have received it in the future, beyond a small clock skew.
/// </summary>
public static class DsrReceipt
{
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromMinutes(5);

    /// <returns>The receipt instant (UTC), or an error to report under <c>receivedAt</c> (a 422).</returns>
    public static (DateTimeOffset? ReceivedAt, string? Error) Determine(DateTimeOffset productReceivedAt, DateTimeOffset serverNow, TimeSpan allowedSkew)
    {
        if (allowedSkew < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(allowedSkew), allowedSkew, "The clock skew cannot be negative.");
        if (productReceivedAt > serverNow + allowedSkew)
            return (null, $"must not be in the future (allowed clock skew {allowedSkew.TotalMinutes:0.##} minutes).");
        var earlier = productReceivedAt < serverNow ? productReceivedAt : serverNow;
        return (earlier.ToUniversalTime(), null);
    }
}
