using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.DataSubjectRequests.Due;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>A request opened through a valid instruction link, with its customer (for the time zone and name).</summary>
public sealed record DsrLinkedRequest(DataSubjectRequest Request, Customer Customer)
{
    /// <summary>The request as read when the link was opened (its ETag lets a change skip reading it again).</summary>
    public StoredDsr? Stored { get; init; }

    public DeadlineDue Deadline => Request.DeadlineIn(Customer.TimeZone);

    /// <summary>The unextended deadline: GDPR Art. 12(3) lets an extension be recorded only before it.</summary>
    public DeadlineDue FirstMonth => CustomerDeadline.Compute(Request.ReceivedAt, Customer.TimeZone);

    public bool MayExtendAt(DateTimeOffset now) =>
        Request.Lifecycle.IsOpen && Request.Lifecycle.ExtensionMonths < CustomerDeadline.MaxExtensionMonths && now < FirstMonth.DueAt;
}

/// <summary>
/// The customer's side of a forwarded request, reached through the signed instruction link (docs/security.md; the
/// link is checked and the request opened by <see cref="Platform.Links.LinkPageGate"/> with <see cref="DsrInstructionLinks"/>):
/// apply what the customer submitted — acknowledge, instruct, extend — through
/// <see cref="DsrChanges"/> with the actor <see cref="AuditActors.CustomerLink"/>.
/// </summary>
public sealed class DsrCustomerActions(DsrChanges changes, DueIndex due, TimeProvider clock)
{
    public async Task<DsrActionResult> SubmitAsync(DsrLinkedRequest linked, DsrInstructionSubmission submission, CancellationToken ct)
    {
        var requestId = linked.Request.RequestId;
        switch (submission)
        {
            case DsrInstructionSubmission.Extend extend:
                // Art. 12(3): the data subject must be told of an extension within one month of receipt, so the
                // customer can record one only while the first month runs.
                if (extend.TotalMonths > linked.Request.Lifecycle.ExtensionMonths && clock.GetUtcNow() >= linked.FirstMonth.DueAt)
                    return new DsrActionResult(DsrActionOutcome.Refused, linked.Request,
                        $"an extension must be recorded within one month of receipt (GDPR Art. 12(3)); that month ended with {linked.FirstMonth.DueDate:yyyy-MM-dd} ({linked.FirstMonth.TimeZone}).");
                // The new deadline's next milestone is written before the change (docs/architecture.md), so a crash after it
                // leaves nothing unwatched; once the change is stored, the old deadline's next milestone is obsolete and deleted.
                var now = clock.GetUtcNow();
                var moves = linked.Request.Lifecycle.Apply(submission.Command).Outcome == DsrTransitionOutcome.Changed;
                if (moves)
                    await DeadlineMilestones.WatchAsync(due, requestId,
                        CustomerDeadline.Compute(linked.Request.ReceivedAt, linked.Customer.TimeZone, extend.TotalMonths), now, ct);
                var extended = await changes.ApplyAsync(requestId, submission.Command, AuditActors.CustomerLink,
                    $"deadline extended by the customer to {extend.TotalMonths} further month(s) in total", null, ct, linked.Stored);
                if (moves && extended.Outcome == DsrChangeOutcome.Changed)
                    await due.CancelAsync(DeadlineMilestones.HintFor(requestId, DeadlineMilestones.Next(linked.Deadline, now)), ct);
                return DsrActionResult.From(extended);

            case DsrInstructionSubmission.Instruct instruct:
                var note = instruct.Instruction.Action is { } action
                    ? $"instructed by the customer: {instruct.Instruction.Kind.ToWire()} ({action.ToWire()})"
                    : $"instructed by the customer: {instruct.Instruction.Kind.ToWire()}";
                // The end-user message is stored with the change; its RelayReplyToEndUser effect relays it once.
                Func<DataSubjectRequest, DataSubjectRequest>? amend = instruct.EndUserMessage is { } message
                    ? r => r.WithLastDetail("with a message for the end-user") with { EndUserReply = message }
                    : null;
                var change = await changes.ApplyAsync(requestId, submission.Command, AuditActors.CustomerLink, note, amend, ct, linked.Stored);
                // The same instruction again changes nothing — so a message that did not come with the first one would be
                // silently dropped. Say so instead.
                if (change.Outcome == DsrChangeOutcome.Unchanged && instruct.EndUserMessage is not null && change.Request?.EndUserReply != instruct.EndUserMessage)
                    return new DsrActionResult(DsrActionOutcome.Refused, change.Request,
                        "the instruction was already recorded; a message for the end-user can only go with the first instruction.");
                return DsrActionResult.From(change);

            default:
                return DsrActionResult.From(await changes.ApplyAsync(requestId, submission.Command, AuditActors.CustomerLink,
                    "acknowledged by the customer", null, ct, linked.Stored));
        }
    }
}
