namespace PrivacyFunctions.Retention;

/// <summary>Settings under <c>Retention:</c> (docs/retention.md has the table).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>The customer may choose delete or return until this long after the contract ends.</summary>
    public TimeSpan ChoiceWithin { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The DPA's default when the customer never chooses: <c>delete</c> or <c>return</c>.</summary>
    public string DefaultDisposition { get; set; } = "delete";

    /// <summary>A product that has not confirmed its command this long after it was sent is reminded (and the DPO alerted).</summary>
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A legal hold without an end date is put to the DPO for review this often.</summary>
    public TimeSpan HoldReviewEvery { get; set; } = TimeSpan.FromDays(365);

    /// <summary>NCRONTAB of the <c>RetentionSweep</c> timer.</summary>
    public string SweepSchedule { get; set; } = "";
}
