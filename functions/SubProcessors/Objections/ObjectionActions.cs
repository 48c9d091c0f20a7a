using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Links;

namespace PrivacyFunctions.SubProcessors;

public enum ObjectionOutcome { Created, Repeated, Invalid, Conflict, NotFound }

public sealed record ObjectionResult(ObjectionOutcome Outcome, Objection? Objection, ValidationErrors? Errors = null, string? Conflict = null)
{
    public Microsoft.AspNetCore.Mvc.ObjectResult? Problem(string what) => Outcome switch
    {
        ObjectionOutcome.Invalid => Problems.Validation(Errors!),
        ObjectionOutcome.Conflict => Problems.Of(ProblemKind.Conflict, Conflict!),
        ObjectionOutcome.NotFound => Problems.NotFound(what),
        _ => null,
    };
}

/// <summary>
/// Objections: from the customer's signed link, recorded by the DPO office from an email, and resolved. An objection
/// is possible until the customer's window closes (<c>SubProcessors:ObjectionWindow</c> from the delivery of its
/// notice); later is a 409. One objection per customer and change.
/// </summary>
public sealed class ObjectionActions(
    AggregateChanges changes, ObjectionKind kind, AggregatesOfSubProcessors aggregates, CustomerDirectory customers,
    NoticeDeliveries deliveries, IOptions<ProcessorOptions> processor, TimeProvider clock)
{
    public Task<ObjectionResult> ObjectAsync(ObjectionVisit visit, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return CreateAsync(visit.Change, visit.Customer.CustomerId, visit.Window, now, Objection.LinkChannel, reason, AuditActors.CustomerLink, alertDpo: true, now, ct);
    }

    public async Task<ObjectionResult> RecordAsync(string changeId, string customerId, DateTimeOffset receivedAt, string summary, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var change = await aggregates.ChangeAsync(changeId, ct);
        if (change is null) errors.Add("changeId", "is not an announced sub-processor change.");
        var customer = (await customers.GetAsync(customerId, ct))?.Customer;
        if (customer is null) errors.Add("customerId", "is not a known customer.");
        else if (change is not null && !change.Affects(customer.Products)) errors.Add("customerId", "does not use a product this change affects.");
        var now = clock.GetUtcNow();
        if (receivedAt > now + processor.Value.ClockSkew) errors.Add("receivedAt", "must not be in the future.");
        else if (change is not null && receivedAt < change.AnnouncedAt) errors.Add("receivedAt", "must not be before the change was announced.");
        if (!errors.IsEmpty) return new ObjectionResult(ObjectionOutcome.Invalid, null, errors);
        var window = await deliveries.WindowOfAsync(changeId, customerId, ct);
        return await CreateAsync(change!, customerId, window, receivedAt, Objection.EmailChannel, summary, AuditActors.Admin, alertDpo: false, now, ct);
    }

    public async Task<ObjectionResult> ResolveAsync(string objectionId, ObjectionStatus outcome, string? note, CancellationToken ct)
    {
        var result = await changes.ApplyAsync(kind, objectionId, AuditActors.Admin, (stored, now) => ObjectionDecisions.Resolve(stored, outcome, note, now), ct);
        return result.Outcome switch
        {
            ChangeOutcome.Changed => new ObjectionResult(ObjectionOutcome.Created, result.Stored!.State),
            ChangeOutcome.Unchanged => new ObjectionResult(ObjectionOutcome.Repeated, result.Stored!.State),
            ChangeOutcome.NotFound => new ObjectionResult(ObjectionOutcome.NotFound, null),
            ChangeOutcome.Refused => new ObjectionResult(ObjectionOutcome.Conflict, result.Stored?.State, Conflict: result.Error),
            _ => new ObjectionResult(ObjectionOutcome.Conflict, null, Conflict: "The objection is being changed concurrently; retry."),
        };
    }

    private async Task<ObjectionResult> CreateAsync(SubProcessorChange change, string customerId, ObjectionWindow window, DateTimeOffset receivedAt,
        string channel, string summary, string actor, bool alertDpo, DateTimeOffset now, CancellationToken ct)
    {
        var objection = new Objection(Objection.IdFor(change.ChangeId, customerId), change.ChangeId, customerId, receivedAt, channel, summary,
            ObjectionStatus.Open, now);
        var existing = (await changes.FindFlushedAsync(kind, objection.ObjectionId, ct))?.State;
        if (existing is not null)
            return ObjectionDecisions.IsRepeat(existing, objection)
                ? new ObjectionResult(ObjectionOutcome.Repeated, existing)
                : new ObjectionResult(ObjectionOutcome.Conflict, existing, Conflict: $"Customer '{customerId}' already objected to change '{change.ChangeId}' ({existing.ObjectionId}).");
        if (change.Status == ChangeStatus.Withdrawn)
            return new ObjectionResult(ObjectionOutcome.Conflict, null, Conflict: $"Change '{change.ChangeId}' was withdrawn; there is nothing to object to.");
        if (window.EndsAt is { } end && receivedAt >= end)
            return new ObjectionResult(ObjectionOutcome.Conflict, null,
                Conflict: $"The objection window of customer '{customerId}' for change '{change.ChangeId}' closed at {end:yyyy-MM-dd'T'HH:mm:ss'Z'}.");
        var result = await changes.CreateAsync(kind, objection.ObjectionId, actor, _ => ObjectionDecisions.Receive(objection, alertDpo), ct);
        return result.Outcome == ChangeOutcome.Changed
            ? new ObjectionResult(ObjectionOutcome.Created, result.Stored!.State)
            : ObjectionDecisions.IsRepeat(result.Stored!.State, objection)
                ? new ObjectionResult(ObjectionOutcome.Repeated, result.Stored.State)
                : new ObjectionResult(ObjectionOutcome.Conflict, result.Stored.State, Conflict: $"Customer '{customerId}' already objected to change '{change.ChangeId}'.");
    }
}
