namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// <c>GET /api/dsr/{requestId}</c>: a request's status and timeline for the DPO office. Deliberately without the
/// subject's email, name and message, and without any relayed end-user reply: the admin API does not need
/// personal data (docs/security.md), the forward email to the customer carried it.
/// </summary>
public sealed record DsrView(
    string RequestId,
    string CustomerId,
    string ProductId,
    string ExternalId,
    string Type,
    string Status,
    string? Escalation,
    DateTimeOffset ReceivedAt,
    DsrDeadlineView? Deadline,
    DsrInstructionView? Instruction,
    int ForwardedToCount,
    bool SubjectErased,
    DateTimeOffset? EndedAt,
    IReadOnlyList<DsrTimelineView> Timeline)
{
    /// <param name="timeZone">The customer's time zone; null when the customer is no longer in the directory (no deadline then).</param>
    public static DsrView From(DataSubjectRequest request, string? timeZone) => new(
        request.RequestId, request.CustomerId, request.ProductId, request.ExternalId, request.Type.ToWire(), request.Status.ToWire(),
        request.Lifecycle.Escalation?.ToWire(), request.ReceivedAt,
        timeZone is null ? null : DsrDeadlineView.From(request.DeadlineIn(timeZone), request.Lifecycle.ExtensionReason),
        DsrInstructionView.From(request.Lifecycle.Instruction), request.ForwardedToCount, request.SubjectErasedAt is not null,
        request.EndedAt, request.Timeline.Select(t => new DsrTimelineView(t.At, t.What, t.Detail)).ToArray());
}

/// <summary>One row of <c>GET /api/customers/{customerId}/dsr</c>.</summary>
public sealed record DsrSummaryView(
    string RequestId,
    string ProductId,
    string ExternalId,
    string Type,
    string Status,
    string? Escalation,
    DateTimeOffset ReceivedAt,
    DateOnly DueDate,
    DateTimeOffset DueAt,
    int ExtensionMonths,
    DsrInstructionView? Instruction)
{
    public static DsrSummaryView From(DataSubjectRequest request, string timeZone)
    {
        var deadline = request.DeadlineIn(timeZone);
        return new(request.RequestId, request.ProductId, request.ExternalId, request.Type.ToWire(), request.Status.ToWire(),
            request.Lifecycle.Escalation?.ToWire(), request.ReceivedAt, deadline.DueDate, deadline.DueAt, deadline.ExtensionMonths,
            DsrInstructionView.From(request.Lifecycle.Instruction));
    }
}

/// <summary>
/// The customer's deadline: <see cref="DueDate"/> is the last local day in <see cref="TimeZone"/>, <see cref="DueAt"/>
/// the end of that day in UTC (overdue from then on).
/// </summary>
public sealed record DsrDeadlineView(DateOnly DueDate, DateTimeOffset DueAt, string TimeZone, int ExtensionMonths, string? ExtensionReason)
{
    public static DsrDeadlineView From(DeadlineDue deadline, string? extensionReason) =>
        new(deadline.DueDate, deadline.DueAt, deadline.TimeZone, deadline.ExtensionMonths, extensionReason);
}

public sealed record DsrInstructionView(string Kind, string? Action)
{
    public static DsrInstructionView? From(DsrInstruction? instruction) =>
        instruction is null ? null : new(instruction.Kind.ToWire(), instruction.Action?.ToWire());
}

public sealed record DsrTimelineView(DateTimeOffset At, string What, string? Detail);

/// <summary>What a product or customer action answers: the request's id, status and, when known, its deadline.</summary>
public sealed record DsrActionView(string RequestId, string Status, DsrInstructionView? Instruction, DsrDeadlineView? Deadline)
{
    public static DsrActionView From(DataSubjectRequest request, string? timeZone) => new(
        request.RequestId, request.Status.ToWire(), DsrInstructionView.From(request.Lifecycle.Instruction),
        timeZone is null ? null : DsrDeadlineView.From(request.DeadlineIn(timeZone), request.Lifecycle.ExtensionReason));
}
