using PrivacyFunctions.Customers;
using Microsoft.Extensions.Options;
using PrivacyFunctions.DataSubjectRequests.Due;
using PrivacyFunctions.DataSubjectRequests.Effects;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.DataSubjectRequests;

public enum DsrChangeOutcome { Changed, Unchanged, Refused, NotFound, Conflict }

public sealed record DsrChange(DsrChangeOutcome Outcome, DataSubjectRequest? Request, string? Error = null);

/// <summary>
/// Every change of a request, through the capability kit (<see cref="AggregateChanges"/>): the decider is
/// <see cref="DsrLifecycle.Apply"/>; the new state, its audit entries (<see cref="DsrFacts"/>) and its pending effects
/// are one transaction, and the effects — events and emails — are performed after it, each once. When the request
/// ends, the subject-data erasure hint is written before the state that ends it.
/// </summary>
public sealed class DsrChanges(AggregateChanges changes, DsrKind kind, IOptions<DsrOptions> options)
{
    /// <param name="known">The request as the caller has just read it, if it has: saves reading it again.</param>
    /// <param name="coveredByMessage">
    /// The caller runs from a queue message that comes back until it is handled, and its handling finishes pending
    /// effects first: that message, not an effects check, is the change's recovery.
    /// </param>
    public async Task<DsrChange> ApplyAsync(string requestId, DsrCommand command, string actor, string note,
        Func<DataSubjectRequest, DataSubjectRequest>? amend, CancellationToken ct, StoredDsr? known = null, bool coveredByMessage = false)
    {
        if (RequestIds.CustomerOf(requestId) is null) return new DsrChange(DsrChangeOutcome.NotFound, null);
        var result = await changes.ApplyAsync(kind, requestId, actor, (stored, now) =>
        {
            if (stored is null) return Decision<DataSubjectRequest>.NotFound;
            var request = stored.State;
            var transition = request.Lifecycle.Apply(command);
            if (transition.IsRefused) return Decision<DataSubjectRequest>.Refuse(transition.Error!);
            if (transition.Outcome == DsrTransitionOutcome.Unchanged) return Decision<DataSubjectRequest>.Unchanged;

            var next = request.With(transition.State, now, note);
            if (amend is not null) next = amend(next);
            var facts = DsrFacts.Of(command, transition);
            return Decision<DataSubjectRequest>.Change(next, DsrFacts.Audit(next, facts), DsrFacts.Effects(next, facts, now)) with
            {
                Hints = request.Lifecycle.IsOpen && !transition.State.IsOpen && !DeadlineChainErases(request, now)
                    ? [new DueItem(DsrDueKinds.EraseSubject, requestId, now + options.Value.SubjectDataRetention)]
                    : [],
                NeedsEffectsCheck = !coveredByMessage,
            };
        }, ct, known?.Aggregate);
        return new DsrChange(Map(result.Outcome), result.Stored?.State, result.Error);
    }

    /// <summary>
    /// Whether the deadline chain will erase the subject data of a request ending now: it was forwarded (the chain's hint
    /// was written before that) and its deadline has not passed (the chain still has a milestone to come, whose handler
    /// finds the request ended and erases it when due). Otherwise the ending change writes an erasure hint.
    /// </summary>
    private static bool DeadlineChainErases(DataSubjectRequest request, DateTimeOffset now) =>
        request.ForwardedToCount > 0 && request.Customer is { } customer && now < request.DeadlineIn(customer.TimeZone).DueAt;

    /// <summary>Stores a new request with its <c>dsr.received</c> fact; false when it already exists (a repeated intake).</summary>
    public async Task<(bool Created, DataSubjectRequest Request)> CreateAsync(DataSubjectRequest request, string actor, CancellationToken ct)
    {
        string[] facts = [DsrEvents.Received];
        // The intake queued the forwarding message just before: forwarding performs this event before it forwards
        // (DsrForwarding), so the intake answers without publishing it and needs no effects check of its own.
        var result = await changes.CreateAsync(kind, request.RequestId, actor, now =>
            Decision<DataSubjectRequest>.Change(request, DsrFacts.Audit(request, facts), DsrFacts.Effects(request, facts, now)) with
            {
                NeedsEffectsCheck = false,
                LeavesEffectsToCover = true,
            }, ct);
        return result.Outcome switch
        {
            ChangeOutcome.Changed => (true, result.Stored!.State),
            ChangeOutcome.Unchanged => (false, result.Stored!.State),
            _ => throw new InvalidOperationException($"The request could not be stored ({result.Outcome})."),
        };
    }

    /// <summary>
    /// Erases the end-user's email, name, message and any relayed reply from an ended request (audit-only fact
    /// <c>dsr.subject-erased</c>). False when the request changed meanwhile (the caller tries again later).
    /// </summary>
    public async Task<bool> EraseSubjectDataAsync(StoredDsr stored, CancellationToken ct)
    {
        string[] facts = ["dsr.subject-erased"];
        var result = await changes.ApplyAsync(kind, stored.Request.RequestId, AuditActors.System, (current, now) =>
        {
            if (current is null || current.ETag != stored.ETag) return Decision<DataSubjectRequest>.Refuse("changed meanwhile");
            // The customer's extension reason is free text too (it may name the end-user): it goes with the subject's data.
            // So are the contact addresses in its copy of the customer (the request needs them no more); name,
            // language and time zone stay for its record.
            var erased = current.State.Noted(now, "subject data erased") with
            {
                Subject = null, Message = null, EndUserReply = null, SubjectErasedAt = now,
                Lifecycle = current.State.Lifecycle with { ExtensionReason = null },
                Customer = current.State.Customer is { } customer
                    ? customer with { Contacts = new CustomerContacts([], [], []), EndUserContact = new EndUserContact(null, null) }
                    : null,
            };
            return Decision<DataSubjectRequest>.Change(erased, DsrFacts.Audit(erased, facts));
        }, ct, stored.Aggregate);
        return result.Outcome == ChangeOutcome.Changed;
    }

    /// <summary>Adds a timeline note without audit or effects, if the request is unchanged since read (best effort).</summary>
    public async Task<bool> TryNoteAsync(StoredDsr stored, DataSubjectRequest noted, CancellationToken ct) =>
        await changes.TryUpdateStateAsync(kind, stored.Aggregate, noted, ct) is not null;

    /// <summary>Performs the effects of the request's last change if a crash left them pending (its events: see <see cref="FlushFor"/>).</summary>
    public async Task<StoredDsr> FlushAsync(StoredDsr stored, CancellationToken ct) =>
        new(await changes.FlushAsync(kind, stored.Aggregate, ct));

    /// <summary>Performs every pending effect of the request, its events included: forwarding does this for its intake's.</summary>
    public async Task<StoredDsr> RecoverAsync(StoredDsr stored, CancellationToken ct) =>
        new(await changes.FlushAsync(kind, stored.Aggregate, ct, FlushFor.Recovering));

    private static DsrChangeOutcome Map(ChangeOutcome outcome) => outcome switch
    {
        ChangeOutcome.Changed => DsrChangeOutcome.Changed,
        ChangeOutcome.Unchanged => DsrChangeOutcome.Unchanged,
        ChangeOutcome.Refused => DsrChangeOutcome.Refused,
        ChangeOutcome.NotFound => DsrChangeOutcome.NotFound,
        _ => DsrChangeOutcome.Conflict,
    };
}
