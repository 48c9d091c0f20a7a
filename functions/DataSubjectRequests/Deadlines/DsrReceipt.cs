using System.Globalization;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// When the legal clock starts: at the processor's receipt, i.e. the earlier of the product's
/// <c>receivedAt</c> and our own clock. A product may have received the request before it called us; it
/// cannot have received it in the future, beyond a small clock skew, nor so long ago that no deadline or link
/// computed from it could still mean anything (<c>Dsr:MaxReceiptAge</c>).
/// </summary>
public static class DsrReceipt
{
    /// <summary>
    /// 180 days: twice the longest deadline a request can have (one month + a two-month extension, Art. 12(3)).
    /// An older <c>receivedAt</c> is a product's data error, not a request that can still be tracked.
    /// </summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(180);

    /// <returns>The receipt instant (UTC), or an error to report under <c>receivedAt</c> (a 422).</returns>
    public static (DateTimeOffset? ReceivedAt, string? Error) Determine(
        DateTimeOffset productReceivedAt, DateTimeOffset serverNow, TimeSpan allowedSkew, TimeSpan? maxAge = null)
    {
        if (allowedSkew < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(allowedSkew), allowedSkew, "The clock skew cannot be negative.");
        var oldest = serverNow - (maxAge ?? DefaultMaxAge);
        if (productReceivedAt > serverNow + allowedSkew)
            return (null, $"must not be in the future (allowed clock skew {allowedSkew.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} minutes).");
        if (productReceivedAt < oldest)
            return (null, $"must not be more than {(maxAge ?? DefaultMaxAge).TotalDays.ToString("0.##", CultureInfo.InvariantCulture)} days ago " +
                $"(Dsr:MaxReceiptAge; the earliest accepted now is {oldest.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}). " +
                "Send an older request to the DPO office directly.");
        var earlier = productReceivedAt < serverNow ? productReceivedAt : serverNow;
        return (earlier.ToUniversalTime(), null);
    }
}
