namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// The rule-bearing part of a request's state: status, instruction, extension and escalation. Pure: the
/// store keeps it, <see cref="Apply"/> decides what a command does to it.
/// </summary>
public sealed record DsrLifecycle(
    DsrStatus Status,
    DsrInstruction? Instruction = null,
    int ExtensionMonths = 0,
    string? ExtensionReason = null,
    EscalationReason? Escalation = null)
{
    public const int MaxExtensionReasonLength = 1000;

    public static DsrLifecycle Received { get; } = new(DsrStatus.Received);

    public bool IsOpen => Status.IsOpen();
    public bool IsEscalated => Escalation is not null;

    /// <summary>
    /// What <paramref name="command"/> does: a change (with the integration events it implies), no change
    /// because it was already applied (at-least-once delivery, double clicks), or a refusal with the reason
    /// (HTTP 409 at the edge).
    /// </summary>
    public DsrTransition Apply(DsrCommand command) => command switch
    {
        DsrCommand.Forward => Status == DsrStatus.Received
            ? Move(this with { Status = DsrStatus.Forwarded }, DsrEvents.Forwarded)
            : Status == DsrStatus.Cancelled ? Refuse("the request was cancelled before it was forwarded.") : Same(),

        DsrCommand.Cancel => Status switch
        {
            DsrStatus.Received => Move(this with { Status = DsrStatus.Cancelled }),
            DsrStatus.Cancelled => Same(),
            _ => Refuse("the request was already forwarded to the customer; it can no longer be cancelled."),
        },

        DsrCommand.Acknowledge => Status switch
        {
            DsrStatus.Forwarded => Move(this with { Status = DsrStatus.Acknowledged }, DsrEvents.Acknowledged),
            // An instruction implies acknowledgement; acknowledging again is harmless.
            DsrStatus.Acknowledged or DsrStatus.Instructed or DsrStatus.Completed or DsrStatus.Closed => Same(),
            _ => Refuse(NotWithCustomer()),
        },

        DsrCommand.Instruct instruct => ApplyInstruction(instruct.Instruction),

        DsrCommand.Complete => Status switch
        {
            DsrStatus.Instructed => Move(this with { Status = DsrStatus.Completed }, DsrEvents.Completed),
            DsrStatus.Completed => Same(),
            _ => Refuse("no product action was instructed for this request."),
        },

        DsrCommand.Escalate escalate => !IsOpen
            ? Refuse($"the request is {Status.ToWire()}; only an open request can be escalated.")
            : Escalation == escalate.Reason ? Same() : Move(this with { Escalation = escalate.Reason }, DsrEvents.Escalated),

        DsrCommand.Extend extend => ApplyExtension(extend),

        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command."),
    };

    private DsrTransition ApplyInstruction(DsrInstruction instruction)
    {
        if (Instruction is not null)
            return Instruction == instruction ? Same() : Refuse("the customer already gave a different instruction for this request.");
        if (Status is not (DsrStatus.Forwarded or DsrStatus.Acknowledged))
            return Refuse(NotWithCustomer());
        return instruction.Kind == InstructionKind.ControllerWillRespond
            // Nothing more for the processor to do: the request closes with the instruction.
            ? Move(this with { Status = DsrStatus.Closed, Instruction = instruction }, DsrEvents.Instructed, DsrEvents.Closed)
            : Move(this with { Status = DsrStatus.Instructed, Instruction = instruction }, DsrEvents.Instructed, DsrEvents.ExecutionRequested);
    }

    private DsrTransition ApplyExtension(DsrCommand.Extend extend)
    {
        if (!IsOpen)
            return Refuse($"the request is {Status.ToWire()}; only an open request's deadline can be extended.");
        if (extend.TotalMonths is < 1 or > CustomerDeadline.MaxExtensionMonths)
            return Refuse($"an extension is 1 or {CustomerDeadline.MaxExtensionMonths} further months in total (GDPR Art. 12(3)).");
        if (string.IsNullOrWhiteSpace(extend.Reason) || extend.Reason.Length > MaxExtensionReasonLength)
            return Refuse($"an extension needs a reason of 1–{MaxExtensionReasonLength} characters.");
        // A repeat is the same extension only if it gives the same reason; another reason is not silently dropped
        // (as a second, different end-user message is not).
        if (extend.TotalMonths == ExtensionMonths)
            return string.Equals(extend.Reason.Trim(), ExtensionReason?.Trim(), StringComparison.Ordinal)
                ? Same()
                : Refuse($"the deadline is already extended by {ExtensionMonths} month(s) with another reason; the recorded reason stays.");
        if (extend.TotalMonths < ExtensionMonths)
            return Refuse($"the deadline is already extended by {ExtensionMonths} months; an extension cannot be shortened.");
        return Move(this with { ExtensionMonths = extend.TotalMonths, ExtensionReason = extend.Reason });
    }

    private string NotWithCustomer() => Status is DsrStatus.Received
        ? "the request has not been forwarded to the customer yet."
        : $"the request is {Status.ToWire()}.";

    private DsrTransition Move(DsrLifecycle next, params string[] events)
    {
        if (next.Status != Status && !Status.CanMoveTo(next.Status))
            throw new InvalidOperationException($"{Status} → {next.Status} is not in the transition table.");
        return new DsrTransition(DsrTransitionOutcome.Changed, next, events, null);
    }

    private DsrTransition Same() => new(DsrTransitionOutcome.Unchanged, this, [], null);

    private DsrTransition Refuse(string reason) => new(DsrTransitionOutcome.Refused, this, [], reason);
}

public enum DsrTransitionOutcome
{
    Changed,
    /// <summary>Already applied: store nothing, send nothing, answer as for the first time.</summary>
    Unchanged,
    /// <summary>Not allowed in the current state; <see cref="DsrTransition.Error"/> says why.</summary>
    Refused,
}

/// <param name="State">The state after the command (the unchanged state when not <see cref="DsrTransitionOutcome.Changed"/>).</param>
/// <param name="Events">Integration event types to publish, in order (see <see cref="DsrEvents"/>).</param>
public sealed record DsrTransition(DsrTransitionOutcome Outcome, DsrLifecycle State, IReadOnlyList<string> Events, string? Error)
{
    public bool IsRefused => Outcome == DsrTransitionOutcome.Refused;
}

/// <summary>Integration event types of data subject requests (CloudEvents <c>type</c>).</summary>
public static class DsrEvents
{
    public const string Received = "dsr.received";
    public const string Forwarded = "dsr.forwarded";
    public const string Acknowledged = "dsr.acknowledged";
    public const string Instructed = "dsr.instructed";
    /// <summary>Addressed to the product (<c>productId</c> application property).</summary>
    public const string ExecutionRequested = "dsr.execution-requested";
    public const string Completed = "dsr.completed";
    public const string Closed = "dsr.closed";
    public const string Escalated = "dsr.escalated";
}
