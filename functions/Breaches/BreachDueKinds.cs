namespace PrivacyFunctions.Breaches;

/// <summary>Every due kind of breach alerts, in one place (family <c>breach</c>; read by <c>BreachSweep</c>).</summary>
public static class BreachDueKinds
{
    public const string Family = "breach";

    /// <summary><c>Breach:AssessWithin</c> after awareness: a breach still in triage alerts the DPO.</summary>
    public const string AssessSla = "breach.assess-sla";

    /// <summary><c>Breach:NotifyWithin</c> after awareness: a notifiable breach with a customer not yet notified alerts the DPO.</summary>
    public const string NotifySla = "breach.notify-sla";

    /// <summary><c>Breach:RenotifyAfter</c> after the initial notice: unacknowledged customers are notified again.</summary>
    public const string Renotify = "breach.renotify";

    /// <summary><c>Breach:EscalateAfter</c> after the initial notice: the DPO gets the customers who have not acknowledged.</summary>
    public const string Escalate = "breach.escalate";

    // The capability kit also writes breach.effects and breach.breach-customer.effects (a change's pending effects, when its
    // effects check kept failing).
}
