namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>Section <c>Dsr</c>, validated at start by <see cref="DsrOptionsValidation"/>.</summary>
public sealed class DsrOptions
{
    public const string Section = "Dsr";

    /// <summary>How long ago a product's <c>receivedAt</c> may lie (default 180 days); an older one is refused.</summary>
    public TimeSpan MaxReceiptAge { get; set; } = DsrReceipt.DefaultMaxAge;

    /// <summary>Referral and forward must be sent within this time of receipt (default 24 hours).</summary>
    public TimeSpan ForwardWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The subject's email, name and message are erased this long after the request closes (default 30 days).</summary>
    public TimeSpan SubjectDataRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after an attempt a request still not forwarded is re-driven by the sweep.</summary>
    public TimeSpan RedriveAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an instruction link stays valid after the customer's deadline — and at least this long after the
    /// email carrying it was sent, so a late forward or reminder never carries a dead link.
    /// </summary>
    public TimeSpan InstructionLinkGrace { get; set; } = TimeSpan.FromDays(90);

    /// <summary>NCRONTAB of the DSR sweep; read by the timer trigger as <c>%Dsr:SweepSchedule%</c>.</summary>
    public string SweepSchedule { get; set; } = "";
}
