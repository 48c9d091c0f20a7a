namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>Something that happens to a request; applied by <see cref="DsrLifecycle.Apply"/>.</summary>
public abstract record DsrCommand
{
    private DsrCommand() { }

    /// <summary>The referral and the forward were sent (queue step).</summary>
    public sealed record Forward : DsrCommand;

    /// <summary>The product withdraws the request (only before it is forwarded).</summary>
    public sealed record Cancel : DsrCommand;

    /// <summary>The customer confirms it has the request.</summary>
    public sealed record Acknowledge : DsrCommand;

    public sealed record Instruct(DsrInstruction Instruction) : DsrCommand;

    /// <summary>The product reports the instructed action done.</summary>
    public sealed record Complete : DsrCommand;

    /// <summary>Sets the escalated flag (any open status); the status itself does not change.</summary>
    public sealed record Escalate(EscalationReason Reason) : DsrCommand;

    /// <summary>
    /// Records an Art. 12(3) extension. <paramref name="TotalMonths"/> is the whole extension from the
    /// original one-month deadline (1 or 2), not an increment, so a submission repeated by a double click or
    /// a retry changes nothing; a later second month is recorded as a total of 2.
    /// </summary>
    public sealed record Extend(int TotalMonths, string Reason) : DsrCommand;
}
