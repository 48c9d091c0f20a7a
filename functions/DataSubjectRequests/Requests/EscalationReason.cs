using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>Why the DPO office was alerted about a request (the <c>escalated</c> flag's reason).</summary>
public enum EscalationReason
{
    /// <summary>The customer has no DSR contact, so the request cannot be forwarded.</summary>
    NoDsrContact,
    /// <summary>Not forwarded within <c>Dsr:ForwardWithin</c> of receipt.</summary>
    ForwardingOverdue,
    /// <summary>The customer's deadline passed while the request was still open.</summary>
    DeadlineOverdue,
}

public static class EscalationReasons
{
    public static readonly WireNames<EscalationReason> Wire = new(
        (EscalationReason.NoDsrContact, "noDsrContact"),
        (EscalationReason.ForwardingOverdue, "forwardingOverdue"),
        (EscalationReason.DeadlineOverdue, "deadlineOverdue"));

    public static string ToWire(this EscalationReason reason) => Wire.Of(reason);
}
