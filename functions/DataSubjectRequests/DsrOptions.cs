namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>Section <c>Dsr</c>. Bind it and validate at start with <see cref="Validate"/>.</summary>
public sealed class DsrOptions
{
    public const string Section = "Dsr";

    /// <summary>How far a product's <c>receivedAt</c> may lie ahead of our clock (default 5 minutes).</summary>
    public TimeSpan ClockSkew { get; set; } = DsrReceipt.DefaultClockSkew;

    /// <summary>How long ago a product's <c>receivedAt</c> may lie (default 180 days); an older one is refused.</summary>
    public TimeSpan MaxReceiptAge { get; set; } = DsrReceipt.DefaultMaxAge;

    /// <summary>Referral and forward must be sent within this time of receipt (default 24 hours).</summary>
    public TimeSpan ForwardWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The subject's email, name and message are erased this long after the request closes (default 30 days).</summary>
    public TimeSpan SubjectDataRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How the processor names itself to end-users and customers, e.g. "Example Payments Group".</summary>
    public string ProcessorDisplayName { get; set; } = "";

    /// <summary>How long after an attempt a request still not forwarded is re-driven by the sweep.</summary>
    public TimeSpan RedriveAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an instruction link stays valid after the customer's deadline — and at least this long after the
    /// email carrying it was sent, so a late forward or reminder never carries a dead link.
    /// </summary>
    public TimeSpan InstructionLinkGrace { get; set; } = TimeSpan.FromDays(90);

    /// <summary>NCRONTAB of the DSR sweep; read by the timer trigger as <c>%Dsr:SweepSchedule%</c>.</summary>
    public string SweepSchedule { get; set; } = "";

    /// <summary>Every problem, each naming its setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromHours(1))
            errors.Add("Dsr:ClockSkew must be between 00:00:00 and 01:00:00.");
        if (MaxReceiptAge < TimeSpan.FromDays(1) || MaxReceiptAge > TimeSpan.FromDays(365))
            errors.Add("Dsr:MaxReceiptAge must be between 1.00:00:00 and 365.00:00:00.");
        // "Promptly" (Art. 12(3), SCC clause 8): a forwarding SLA beyond a few days would not be prompt.
        if (ForwardWithin <= TimeSpan.Zero || ForwardWithin > TimeSpan.FromDays(3))
            errors.Add("Dsr:ForwardWithin must be more than 0 and at most 3.00:00:00.");
        if (SubjectDataRetention < TimeSpan.Zero || SubjectDataRetention > TimeSpan.FromDays(365))
            errors.Add("Dsr:SubjectDataRetention must be between 0 and 365.00:00:00.");
        if (string.IsNullOrWhiteSpace(ProcessorDisplayName) || ProcessorDisplayName.Length > 200)
            errors.Add("Dsr:ProcessorDisplayName is required (1–200 characters): the name end-users and customers see.");
        if (RedriveAfter < TimeSpan.FromMinutes(1) || RedriveAfter > TimeSpan.FromHours(6))
            errors.Add("Dsr:RedriveAfter must be between 00:01:00 and 06:00:00.");
        if (InstructionLinkGrace < TimeSpan.Zero || InstructionLinkGrace > TimeSpan.FromDays(365))
            errors.Add("Dsr:InstructionLinkGrace must be between 0 and 365.00:00:00.");
        if (string.IsNullOrWhiteSpace(SweepSchedule) || SweepSchedule.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
            errors.Add("Dsr:SweepSchedule is required: an NCRONTAB expression such as '0 */15 * * * *'.");
        return errors;
    }
}
