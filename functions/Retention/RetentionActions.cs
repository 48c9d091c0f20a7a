using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Retention;

public enum RetentionOutcome { Created, Changed, Repeated, Invalid, Conflict, NotFound, Busy }

public sealed record RetentionResult<T>(RetentionOutcome Outcome, T? Value, ValidationErrors? Errors = null, string? Detail = null) where T : class
{
    public static RetentionResult<T> From(ChangeResult<T> result, bool created = false) => result.Outcome switch
    {
        ChangeOutcome.Changed => new(created ? RetentionOutcome.Created : RetentionOutcome.Changed, result.Stored!.State),
        ChangeOutcome.Unchanged => new(RetentionOutcome.Repeated, result.Stored!.State),
        ChangeOutcome.NotFound => new(RetentionOutcome.NotFound, default),
        ChangeOutcome.Refused => new(RetentionOutcome.Conflict, result.Stored?.State, Detail: result.Error),
        _ => new(RetentionOutcome.Busy, default, Detail: "It is being changed concurrently; retry."),
    };

    public static RetentionResult<T> Invalid(ValidationErrors errors) => new(RetentionOutcome.Invalid, default, errors);
}

/// <summary>
/// The end of contract's commands, through the kit: record a termination (idempotent on customer, end date and
/// products), the customer's choice, a product's confirmation, legal holds placed and ended, and the follow-up purges.
/// </summary>
public sealed class RetentionActions(
    AggregateChanges changes, DispositionKind dispositions, LegalHoldKind holds, RetentionStore store, CustomerDirectory customers,
    IOptions<RetentionOptions> options, TimeProvider clock)
{
    public async Task<RetentionResult<Disposition>> TerminateAsync(string customerId, DateTimeOffset endsAt, IReadOnlyList<string>? products, string source, string actor,
        CancellationToken ct, string productsField = "products")
    {
        var errors = new ValidationErrors();
        var customer = (await customers.GetAsync(customerId, ct))?.Customer;
        var now = clock.GetUtcNow();
        if (customer is null) errors.Add("customerId", "is not a known customer.");
        else if (products is not null)
            for (var i = 0; i < products.Count; i++)
                if (!customer.Products.Contains(products[i])) errors.Add($"{productsField}[{i}]", "is not a product this customer uses.");
        if (endsAt < now - TimeSpan.FromDays(365)) errors.Add("endsAt", "must not be more than a year ago.");
        if (endsAt > now + TimeSpan.FromDays(5 * 365)) errors.Add("endsAt", "must be within five years.");
        if (!errors.IsEmpty) return RetentionResult<Disposition>.Invalid(errors);

        var covered = (products ?? customer!.Products).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var id = DispositionKind.IdFor(customerId, endsAt, covered);
        var disposition = new Disposition(id, customerId, covered, endsAt.ToUniversalTime(), now, source, endsAt.ToUniversalTime() + options.Value.ChoiceWithin,
            DispositionStatus.AwaitingChoice, WholeContract: customer!.Products.All(covered.Contains));
        return RetentionResult<Disposition>.From(await changes.CreateAsync(dispositions, id, actor, at => DispositionDecisions.Record(disposition, at), ct), created: true);
    }

    public async Task<RetentionResult<Disposition>> ChooseAsync(Disposition disposition, DispositionChoice choice, string actor, CancellationToken ct)
    {
        var active = (await store.HoldsOfAsync(disposition.CustomerId, ct)).Where(h => h.Status == HoldStatus.Active).ToArray();
        return RetentionResult<Disposition>.From(await changes.ApplyAsync(dispositions, disposition.DispositionId, actor,
            (stored, now) => DispositionDecisions.Choose(stored, choice with { ChosenAt = now }, now, active, options.Value.ConfirmWithin), ct));
    }

    public async Task<RetentionResult<Disposition>> ConfirmAsync(string dispositionId, string productId, int? round, ProductConfirmation confirmation, string actor, CancellationToken ct)
    {
        if (await store.DispositionAsync(dispositionId, ct) is not { } stored) return new(RetentionOutcome.NotFound, null);
        var byId = (await store.HoldsOfAsync(stored.State.CustomerId, ct)).ToDictionary(h => h.HoldId, StringComparer.Ordinal);
        return RetentionResult<Disposition>.From(await changes.ApplyAsync(dispositions, dispositionId, actor,
            (current, now) => DispositionDecisions.Confirm(current, productId, round, confirmation with { ReceivedAt = now }, now, byId), ct, stored));
    }

    public async Task<RetentionResult<LegalHold>> PlaceHoldAsync(LegalHold hold, string actor, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var customer = (await customers.GetAsync(hold.CustomerId, ct))?.Customer;
        if (customer is null) return new(RetentionOutcome.NotFound, null);
        for (var i = 0; i < hold.Products.Count; i++)
            if (!customer.Products.Contains(hold.Products[i])) errors.Add($"products[{i}]", "is not a product this customer uses.");
        if (!errors.IsEmpty) return RetentionResult<LegalHold>.Invalid(errors);
        return RetentionResult<LegalHold>.From(await changes.CreateAsync(holds, hold.HoldId, actor, _ => HoldDecisions.Place(hold, options.Value.HoldReviewEvery), ct), created: true);
    }

    public async Task<RetentionResult<LegalHold>> EndHoldAsync(string holdId, HoldStatus status, string? reason, string actor, CancellationToken ct) =>
        RetentionResult<LegalHold>.From(await changes.ApplyAsync(holds, holdId, actor, (stored, now) => HoldDecisions.End(stored, status, reason, now), ct));

    /// <summary>The follow-up purges a hold's end brings, for each of its customer's dispositions (each idempotent).</summary>
    public async Task FollowUpAsync(LegalHold hold, CancellationToken ct)
    {
        var active = (await store.HoldsOfAsync(hold.CustomerId, ct)).Where(h => h.Status == HoldStatus.Active).ToArray();
        foreach (var disposition in await store.DispositionsOfAsync(hold.CustomerId, ct))
            await changes.ApplyAsync(dispositions, disposition.DispositionId, Platform.Audit.AuditActors.System,
                (current, now) => DispositionDecisions.FollowUp(current, hold, now, active, options.Value.ConfirmWithin), ct);
    }
}
