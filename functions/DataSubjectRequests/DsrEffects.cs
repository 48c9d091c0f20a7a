using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Events;
using PrivacyFunctions.Platform.Security;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// Performs the pending effects of a request's last change — integration event, audit entry and the emails
/// the change calls for — each idempotently (deterministic event id, audit once-key, outbox key), then clears
/// them. Running it twice, or after a crash half-way, does everything exactly once.
/// </summary>
public sealed partial class DsrEffects(
    DsrStore store, CustomerDirectory customers, IIntegrationEventPublisher events, AuditTrail audit,
    DsrMail mail, LinkTokens links, IOptions<DsrOptions> options, TimeProvider clock, ILogger<DsrEffects> logger)
{
    // Effects that are audit-only: the integration event list does not include them.
    private static readonly HashSet<string> AuditOnly = ["dsr.cancelled", "dsr.extended", "dsr.subject-erased"];

    public Task<StoredDsr> FlushAsync(StoredDsr stored, CancellationToken ct) => FlushAsync(stored, attempt: 1, ct);

    private async Task<StoredDsr> FlushAsync(StoredDsr stored, int attempt, CancellationToken ct)
    {
        var request = stored.Request;
        if (request.PendingEffects.Count == 0)
            return stored;
        Customer? customer = null;
        async Task<Customer> CustomerAsync() => customer ??= (await customers.GetAsync(request.CustomerId, ct))?.Customer
            ?? throw new InvalidOperationException("The request's customer no longer exists.");

        foreach (var effect in request.PendingEffects)
        {
            var (name, qualifier) = Split(effect);
            var data = new JsonObject
            {
                ["requestId"] = request.RequestId,
                ["customerId"] = request.CustomerId,
                ["productId"] = request.ProductId,
                ["type"] = request.Type.ToWire(),
                ["status"] = request.Status.ToWire(),
            };
            if (qualifier is not null) data["reason"] = qualifier;
            if (request.Lifecycle.Instruction is { } instruction)
            {
                data["instruction"] = instruction.Kind.ToWire();
                if (instruction.Action is { } action) data["action"] = action.ToWire();
            }
            if (name == "dsr.extended") data["extensionMonths"] = request.Lifecycle.ExtensionMonths;

            if (!AuditOnly.Contains(name))
                await events.PublishAsync(new IntegrationEvent($"{effect}.{request.RequestId}", name, $"dsr/{request.RequestId}",
                    clock.GetUtcNow(), data, request.ProductId), ct);
            await audit.AppendOnceAsync(effect, DsrMail.AggregateType, request.RequestId, name, request.PendingActor ?? AuditActors.System, data, ct);

            switch (name)
            {
                case DsrEvents.Escalated when qualifier is not null && EscalationReasons.Wire.TryParse(qualifier, out var reason):
                    await mail.AlertDpoAsync(reason, request, await CustomerAsync(), ct);
                    break;
                case DsrEvents.Forwarded:
                    var customerNow = await CustomerAsync();
                    var deadline = request.DeadlineIn(customerNow.TimeZone);
                    await mail.ForwardToCustomerAsync(request, customerNow, deadline,
                        DsrForwarding.InstructionLink(links, request, deadline, options.Value, clock.GetUtcNow()), ct);
                    break;
                case DsrEvents.Completed:
                    await mail.TellOutcomeAsync(request, await CustomerAsync(), request.ActionCompletedAt ?? clock.GetUtcNow(), ct);
                    break;
                case DsrEvents.Instructed when request.EndUserReply is not null && request.Subject is not null:
                    await mail.RelayCustomerReplyAsync(request, await CustomerAsync(), ct);
                    break;
            }
        }
        LogFlushed(logger, request.RequestId, request.PendingEffects.Count);

        var cleared = request with { PendingEffects = [], PendingActor = null };
        var written = await store.TryReplaceAsync(cleared, stored.ETag, ct);
        if (written is not null) return written;
        // Lost race: the row now holds someone else's change, possibly with effects of its own — perform those too.
        var fresh = (await store.FindAsync(request.RequestId, ct))!;
        return attempt < 3 ? await FlushAsync(fresh, attempt + 1, ct) : fresh;
    }

    public static (string Name, string? Qualifier) Split(string effect)
    {
        var colon = effect.IndexOf(':');
        return colon < 0 ? (effect, null) : (effect[..colon], effect[(colon + 1)..]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DSR {RequestId}: {Count} pending effect(s) performed")]
    private static partial void LogFlushed(ILogger logger, string requestId, int count);
}
