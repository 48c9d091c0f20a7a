namespace PrivacyFunctions.Breaches;

/// <summary>Settings under <c>Breach:</c> (docs/breaches.md has the table).</summary>
public sealed class BreachOptions
{
    public const string Section = "Breach";

    /// <summary>"Without undue delay" (Art. 33(2)): every affected customer notified within this time of our awareness (≤ 72 h).</summary>
    public TimeSpan NotifyWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A breach still in triage this long after our awareness alerts the DPO.</summary>
    public TimeSpan AssessWithin { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A customer that has not acknowledged this long after its notice is notified again (security and privacy contacts).</summary>
    public TimeSpan RenotifyAfter { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Customers that have not acknowledged this long after the initial notice are listed to the DPO.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>NCRONTAB of the <c>BreachSweep</c> timer.</summary>
    public string SweepSchedule { get; set; } = "";
}
