namespace PrivacyFunctions.Platform.Housekeeping;

/// <summary>Settings under <c>Housekeeping:</c>: how long the platform keeps what it only needs for a while.</summary>
public sealed class HousekeepingOptions
{
    public const string Section = "Housekeeping";

    /// <summary>
    /// A claimed <c>webhook-id</c> (table <c>WebhookReplays</c>) is deleted this long after it was accepted (default 30
    /// days). A webhook is refused 5 minutes after its timestamp anyway, so a replay can never be accepted again.
    /// </summary>
    public TimeSpan WebhookIdRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The address and content of a settled (Sent or Failed) email delivery are erased this long after it settled
    /// (default 90 days); the proof columns — key, notice, times, transport id, recipient hash — stay.
    /// </summary>
    public TimeSpan EmailContentRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>At most this many rows of each kind (replays deleted, deliveries erased) per batch (default 500).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>At most this many batches per timer run (default 20): a backlog drains over a few runs, never in one long one.</summary>
    public int MaxBatchesPerRun { get; set; } = 20;

    /// <summary>NCRONTAB of the <c>Housekeeping</c> timer (e.g. <c>0 0 3 * * *</c>: daily at 03:00 UTC).</summary>
    public string SweepSchedule { get; set; } = "";
}
