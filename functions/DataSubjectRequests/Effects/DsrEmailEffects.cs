using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.DataSubjectRequests.Effects;

/// <summary>The forward emails to the customer's DSR contacts (one per contact), sent because the request was forwarded.</summary>
public sealed record ForwardToCustomer(string RequestId) : IEffect
{
    public string OnceKey => "dsr.forward-emails";
}

/// <summary>The DPO office is alerted of an escalation (no DSR contact, forwarding or deadline overdue).</summary>
public sealed record AlertDpoOfEscalation(string RequestId, EscalationReason Reason) : IEffect
{
    public string OnceKey => $"dsr.dpo-alert.{Reason.ToWire()}";
}

/// <summary>The customer is told that the instructed action was carried out at <paramref name="CompletedAt"/>.</summary>
public sealed record TellCustomerTheOutcome(string RequestId, DateTimeOffset CompletedAt) : IEffect
{
    public string OnceKey => "dsr.outcome-emails";
}

/// <summary>The customer's message for the end-user is relayed, once, because the customer asked for it.</summary>
public sealed record RelayReplyToEndUser(string RequestId) : IEffect
{
    public string OnceKey => "dsr.end-user-reply";
}

/// <summary>The request and its customer (its copy on the request, kept current: contacts and time zone as they are now).</summary>
public abstract class DsrEmailEffect(DsrCustomerCopies customers)
{
    protected async Task<(DataSubjectRequest Request, Customer Customer)> LoadAsync(EffectContext context, CancellationToken ct)
    {
        var request = context.StateAs<DataSubjectRequest>();
        var customer = await customers.OfAsync(request, ct) ?? throw new InvalidOperationException("The request's customer no longer exists.");
        return (request, customer);
    }
}

public sealed class ForwardToCustomerHandler(DsrCustomerCopies customers, DsrMail mail, LinkTokens links, IOptions<DsrOptions> options, TimeProvider clock)
    : DsrEmailEffect(customers), IEffectHandler<ForwardToCustomer>
{
    public async Task PerformAsync(ForwardToCustomer effect, EffectContext context, CancellationToken ct)
    {
        var (request, customer) = await LoadAsync(context, ct);
        var deadline = request.DeadlineIn(customer.TimeZone);
        await mail.ForwardToCustomerAsync(request, customer, deadline,
            DsrForwarding.InstructionLink(links, request, deadline, options.Value, clock.GetUtcNow()), ct);
    }
}

public sealed class AlertDpoOfEscalationHandler(DsrCustomerCopies customers, DsrMail mail) : DsrEmailEffect(customers), IEffectHandler<AlertDpoOfEscalation>
{
    public async Task PerformAsync(AlertDpoOfEscalation effect, EffectContext context, CancellationToken ct)
    {
        var (request, customer) = await LoadAsync(context, ct);
        await mail.AlertDpoAsync(effect.Reason, request, customer, ct);
    }
}

public sealed class TellCustomerTheOutcomeHandler(DsrCustomerCopies customers, DsrMail mail) : DsrEmailEffect(customers), IEffectHandler<TellCustomerTheOutcome>
{
    public async Task PerformAsync(TellCustomerTheOutcome effect, EffectContext context, CancellationToken ct)
    {
        var (request, customer) = await LoadAsync(context, ct);
        await mail.TellOutcomeAsync(request, customer, effect.CompletedAt, ct);
    }
}

public sealed class RelayReplyToEndUserHandler(DsrCustomerCopies customers, DsrMail mail) : DsrEmailEffect(customers), IEffectHandler<RelayReplyToEndUser>
{
    public async Task PerformAsync(RelayReplyToEndUser effect, EffectContext context, CancellationToken ct)
    {
        var (request, customer) = await LoadAsync(context, ct);
        if (request.EndUserReply is not null && request.Subject is not null) // erased meanwhile: nothing left to relay
            await mail.RelayCustomerReplyAsync(request, customer, ct);
    }
}
