using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Events;

namespace PrivacyFunctions.DataSubjectRequests.Effects;

/// <summary>
/// What a change of a request records and announces, fixed when the change is decided: one audit entry per fact
/// (<c>dsr.forwarded</c>, <c>dsr.escalated:noDsrContact</c>, <c>dsr.extended:2</c>, …), an integration event for each
/// fact on the event list, and the emails the fact calls for. Audit and event data are ids, states and counts only.
/// </summary>
public static class DsrFacts
{
    // Facts that are audit-only: the integration event list has no event for them.
    private static readonly HashSet<string> AuditOnly = ["dsr.cancelled", "dsr.extended", "dsr.subject-erased"];

    /// <summary>The facts of a lifecycle transition, in order (qualified where the fact carries a reason or a count).</summary>
    public static IReadOnlyList<string> Of(DsrCommand command, DsrTransition transition)
    {
        var facts = transition.Events.Select(e => e == DsrEvents.Escalated && transition.State.Escalation is { } reason
            ? $"{e}:{reason.ToWire()}" : e).ToList();
        if (command is DsrCommand.Cancel) facts.Add("dsr.cancelled");
        if (command is DsrCommand.Extend extend) facts.Add($"dsr.extended:{extend.TotalMonths}");
        return facts;
    }

    public static (string Name, string? Qualifier) Split(string fact)
    {
        var colon = fact.IndexOf(':');
        return colon < 0 ? (fact, null) : (fact[..colon], fact[(colon + 1)..]);
    }

    /// <summary>The audit entries of <paramref name="facts"/> about <paramref name="request"/> (the state after the change).</summary>
    public static IReadOnlyList<AuditRecord> Audit(DataSubjectRequest request, IEnumerable<string> facts) =>
        facts.Select(fact => new AuditRecord(Split(fact).Name, Data(request, fact))).ToArray();

    /// <summary>The effects of <paramref name="facts"/>: integration events (fixed now), then the emails they call for.</summary>
    public static IReadOnlyList<IEffect> Effects(DataSubjectRequest request, IEnumerable<string> facts, DateTimeOffset at)
    {
        var effects = new List<IEffect>();
        foreach (var fact in facts)
        {
            var (name, qualifier) = Split(fact);
            if (!AuditOnly.Contains(name))
                effects.Add(new PublishEvent(new IntegrationEvent($"{fact}.{request.RequestId}", name, $"dsr/{request.RequestId}",
                    at, Data(request, fact), request.ProductId)));
            switch (name)
            {
                case DsrEvents.Escalated when qualifier is not null && EscalationReasons.Wire.TryParse(qualifier, out var reason):
                    effects.Add(new AlertDpoOfEscalation(request.RequestId, reason));
                    break;
                case DsrEvents.Forwarded:
                    effects.Add(new ForwardToCustomer(request.RequestId));
                    break;
                case DsrEvents.Completed:
                    effects.Add(new TellCustomerTheOutcome(request.RequestId, request.ActionCompletedAt ?? at));
                    break;
                case DsrEvents.Instructed when request.EndUserReply is not null && request.Subject is not null:
                    effects.Add(new RelayReplyToEndUser(request.RequestId));
                    break;
            }
        }
        return effects;
    }

    /// <summary>The data of a fact's audit entry and event.</summary>
    public static JsonObject Data(DataSubjectRequest request, string fact)
    {
        var (name, qualifier) = Split(fact);
        var data = new JsonObject
        {
            ["requestId"] = request.RequestId,
            ["customerId"] = request.CustomerId,
            ["productId"] = request.ProductId,
            ["type"] = request.Type.ToWire(),
            ["status"] = request.Status.ToWire(),
        };
        // An extension's qualifier is its month count, recorded as extensionMonths below — not as a reason.
        if (qualifier is not null && name != "dsr.extended") data["reason"] = qualifier;
        if (request.Lifecycle.Instruction is { } instruction)
        {
            data["instruction"] = instruction.Kind.ToWire();
            if (instruction.Action is { } action) data["action"] = action.ToWire();
        }
        if (name == "dsr.extended") data["extensionMonths"] = request.Lifecycle.ExtensionMonths;
        return data;
    }
}
