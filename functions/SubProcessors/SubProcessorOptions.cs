namespace PrivacyFunctions.SubProcessors;

/// <summary>Settings under <c>SubProcessors:</c> (docs/subprocessors.md has the table).</summary>
public sealed class SubProcessorOptions
{
    public const string Section = "SubProcessors";

    /// <summary>SCC 2021/915 cl. 7.7 and the DPA: a change is announced at least this long before it applies (≥ 5 days).</summary>
    public TimeSpan NoticePeriod { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long a customer may object, from the delivery of its notice (≥ 5 days).</summary>
    public TimeSpan ObjectionWindow { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long before <c>effectiveAt</c> the DPO is told of customers whose window would still be open.</summary>
    public TimeSpan PreActivationCheck { get; set; } = TimeSpan.FromDays(1);

    /// <summary>NCRONTAB of the <c>SubProcessorSweep</c> timer (read by the trigger as <c>%SubProcessors:SweepSchedule%</c>).</summary>
    public string SweepSchedule { get; set; } = "";

    /// <summary>At most one confirmation email per address within this interval (mailing-list double opt-in).</summary>
    public TimeSpan ConfirmationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many confirmation emails per clock hour, all addresses together.</summary>
    public int MaxConfirmationsPerHour { get; set; } = 500;

    /// <summary>An address that never confirms is erased this long after it asked.</summary>
    public TimeSpan UnconfirmedRetention { get; set; } = TimeSpan.FromDays(7);
}
