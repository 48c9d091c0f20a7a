namespace PrivacyFunctions.DataSubjectRequests.Due;

/// <summary>Every due kind of data subject requests, in one place (family <c>dsr</c>; read by <see cref="DsrSweep"/>).</summary>
public static class DsrDueKinds
{
    public const string Family = "dsr";

    /// <summary>Re-drive forwarding until the request is forwarded; escalate when <c>Dsr:ForwardWithin</c> has passed.</summary>
    public const string Forwarding = "dsr.forwarding";

    /// <summary>The next milestone of the customer's deadline: a reminder (7 or 2 days before) or the overdue check.</summary>
    public const string Deadline = "dsr.deadline";

    /// <summary>Erase the subject's data <c>Dsr:SubjectDataRetention</c> after the request ended.</summary>
    public const string EraseSubject = "dsr.erase-subject";

    /// <summary>Bring the customer's copy on its open requests up to date once more after an update (item = the customer id).</summary>
    public const string CustomerCopies = "dsr.customer-copies";

    /// <summary>Finish a change's pending effects when its effects check kept failing (written and handled by the capability kit: <c>DsrKind.EffectsDueKind</c>).</summary>
    public const string Effects = "dsr.effects";
}
