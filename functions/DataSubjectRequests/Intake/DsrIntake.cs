using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

public enum DsrIntakeOutcome { Accepted, AlreadyKnown, Invalid }

public sealed record DsrIntakeResult(DsrIntakeOutcome Outcome, DataSubjectRequest? Request, ValidationErrors? Errors = null);

/// <summary>
/// Takes a DSR from a product. Steps, each safe to repeat: the forwarding hint in the due index (so the sweep
/// forwards whatever a crash leaves behind), the natural-key claim <c>(productId, externalId)</c>, the request
/// row, the <c>dsr.received</c> effects, the forwarding message. A repeated intake finds the claim and
/// returns the same request; only the intake that inserted the row answers 202 and queues the forwarding.
/// </summary>
public sealed partial class DsrIntake(
    DsrStore store, CustomerDirectory customers, DueIndex due, DsrForwardingQueue queue, DsrChanges changes,
    IOptions<DsrOptions> options, IOptions<ProcessorOptions> processor, TimeProvider clock, ILogger<DsrIntake> logger)
{
    public async Task<DsrIntakeResult> AcceptAsync(DsrIntakeRequest intake, CancellationToken ct)
    {
        var known = await store.FindIntakeAsync(intake.ProductId, intake.ExternalId, ct);
        if (known is not null && RequestIds.CustomerOf(known) != intake.CustomerId)
            return ReusedForAnotherCustomer();
        if (known is not null && await store.FindAsync(known, ct) is { } existing)
        {
            // Nothing is queued again: a request still waiting is re-driven by its forwarding hint (DsrSweep).
            LogRepeated(logger, existing.Request.RequestId, intake.ProductId);
            return new DsrIntakeResult(DsrIntakeOutcome.AlreadyKnown, existing.Request);
        }

        var errors = new ValidationErrors();
        var customer = (await customers.GetAsync(intake.CustomerId, ct))?.Customer;
        if (customer is null)
            errors.Add("customerId", "is not a known customer.");
        else if (customer.Status == CustomerStatus.Ended)
            errors.Add("customerId", "has ended its contract: its data was deleted or returned and it takes no new requests.");
        else if (!customer.Products.Contains(intake.ProductId))
            errors.Add("customerId", "does not hold data in this product (see the customer's products).");
        var now = clock.GetUtcNow();
        var (receivedAt, receiptError) = DsrReceipt.Determine(intake.ProductReceivedAt, now, processor.Value.ClockSkew, options.Value.MaxReceiptAge);
        if (receiptError is not null) errors.Add("receivedAt", receiptError);
        if (!errors.IsEmpty) return new DsrIntakeResult(DsrIntakeOutcome.Invalid, null, errors);

        // A claim from an earlier, interrupted intake keeps its id (the customer may not be re-pointed).
        var requestId = known ?? RequestIds.For(intake.CustomerId, intake.ProductId, intake.ExternalId);
        await due.ScheduleAsync(new DueItem(Due.DsrDueKinds.Forwarding, requestId, now + options.Value.RedriveAfter), ct);
        requestId = await store.ClaimIntakeAsync(intake.ProductId, intake.ExternalId, requestId, ct);
        if (RequestIds.CustomerOf(requestId) != intake.CustomerId)
            return ReusedForAnotherCustomer(); // a concurrent intake of the same externalId named another customer

        var request = new DataSubjectRequest(requestId, intake.CustomerId, intake.ProductId, intake.ExternalId, intake.Type,
            receivedAt!.Value, intake.ProductReceivedAt.ToUniversalTime(), intake.Channel, intake.Subject, intake.Message,
            DsrLifecycle.Received, [new DsrTimelineEntry(now, "received", $"from product {intake.ProductId}")]);
        // Of concurrent identical intakes exactly one inserts the row: it answers 202 and queues the forwarding;
        // the others answer 200 like any repeat (the forwarding hint covers a creator that dies before queuing).
        var (created, stored) = await changes.CreateAsync(request, AuditActors.Product(intake.ProductId), ct);
        if (!created)
        {
            LogRepeated(logger, requestId, intake.ProductId);
            return new DsrIntakeResult(DsrIntakeOutcome.AlreadyKnown, stored);
        }
        await queue.EnqueueAsync(requestId, ct);
        LogAccepted(logger, requestId, intake.ProductId, intake.Type.ToWire());
        return new DsrIntakeResult(DsrIntakeOutcome.Accepted, stored);
    }

    /// <summary>The natural key <c>(productId, externalId)</c> names one request; it cannot be moved to another customer.</summary>
    private static DsrIntakeResult ReusedForAnotherCustomer() => new(DsrIntakeOutcome.Invalid, null,
        new ValidationErrors().Add("customerId", "differs from the customer of the request already filed under this externalId."));

    [LoggerMessage(Level = LogLevel.Information, Message = "DSR {RequestId} accepted from product {ProductId} ({Type})")]
    private static partial void LogAccepted(ILogger logger, string requestId, string productId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "DSR {RequestId} sent again by product {ProductId}: nothing new")]
    private static partial void LogRepeated(ILogger logger, string requestId, string productId);
}
