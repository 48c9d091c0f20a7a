namespace PrivacyFunctions.Retention;

/// <summary>Every due kind of the end-of-contract capability, in one place (family <c>retention</c>; read by <c>RetentionSweep</c>).</summary>
public static class RetentionDueKinds
{
    public const string Family = "retention";

    /// <summary>A reminder to choose (14 and 3 days before the choice deadline).</summary>
    public const string ChoiceReminder = "retention.choice-reminder";

    /// <summary>The choice deadline: with no choice, the DPA's default applies.</summary>
    public const string ChoiceDeadline = "retention.choice-deadline";

    /// <summary>The disposition date (the contract's end): with a choice, the commands go to the products.</summary>
    public const string Dispose = "retention.dispose";

    /// <summary><c>Retention:ConfirmWithin</c> after a command: products that have not confirmed are reminded, the DPO alerted.</summary>
    public const string ConfirmCheck = "retention.confirm-check";

    /// <summary>A legal hold's end date: its categories get their follow-up purge.</summary>
    public const string HoldExpiry = "retention.hold-expiry";

    /// <summary>A hold without an end date: the DPO reviews it every <c>Retention:HoldReviewEvery</c>.</summary>
    public const string HoldReview = "retention.hold-review";

    /// <summary>An ended customer whose erasure waited for deliveries still being sent: erased again until complete.</summary>
    public const string EndCustomer = "retention.end-customer";

    // The kit also writes retention.{aggregateType}.effects (a change's pending effects, when its effects check kept failing).
}
