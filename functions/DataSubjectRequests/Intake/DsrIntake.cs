using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

public enum DsrIntakeOutcome { Accepted, AlreadyKnown, Invalid }

public sealed record DsrIntakeResult(DsrIntakeOutcome Outcome, DataSubjectRequest? Request, ValidationErrors? Errors = null);

/// <summary>
/// Takes a DSR from a product, in three storage requests after the customer is read: the natural-key claim
/// <c>(productId, externalId)</c> (one insert-if-absent), the forwarding message, then the request row with its audit
/// entry and its pending <c>dsr.received</c> event in one transaction. The message goes first, so a stored request
/// always has one that forwards it — and publishes the event before it does (a message whose request was never
/// stored is dropped by the forwarding); a crash before the transaction leaves no request and the product, answered
/// with an error, sends it again. A repeated intake finds the claim and returns the same request; only the intake
/// that stored the row answers 202.
/// </summary>
public sealed partial class DsrIntake(
    DsrStore store, CustomerDirectory customers, DsrForwardingQueue queue, DsrChanges changes,
    IOptions<DsrOptions> options, IOptions<ProcessorOptions> processor, TimeProvider clock, ILogger<DsrIntake> logger)
{
    public async Task<DsrIntakeResult> AcceptAsync(DsrIntakeRequest intake, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var stored = await customers.GetAsync(intake.CustomerId, ct);
        var customer = stored?.Customer;
        if (customer is null)
            errors.Add("customerId", "is not a known customer.");
        else if (customer.Status == CustomerStatus.Ended)
            errors.Add("customerId", "has ended its contract: its data was deleted or returned and it takes no new requests.");
        else if (!customer.Products.Contains(intake.ProductId))
            errors.Add("customerId", "does not hold data in this product (see the customer's products).");
        var now = clock.GetUtcNow();
        var (receivedAt, receiptError) = DsrReceipt.Determine(intake.ProductReceivedAt, now, processor.Value.ClockSkew, options.Value.MaxReceiptAge);
        if (receiptError is not null) errors.Add("receivedAt", receiptError);
        if (!errors.IsEmpty)
        {
            // A request already filed under this externalId is answered as the repeat it is, whatever changed since
            // (the customer ended, the receipt aged): only the first intake is validated.
            var filed = await store.FindIntakeAsync(intake.ProductId, intake.ExternalId, ct);
            return filed is not null && await RepeatAsync(filed, intake, ct) is { } repeat
                ? repeat
                : new DsrIntakeResult(DsrIntakeOutcome.Invalid, null, errors);
        }

        var (requestId, claimed) = await store.ClaimIntakeAsync(intake.ProductId, intake.ExternalId,
            RequestIds.For(intake.CustomerId, intake.ProductId, intake.ExternalId), ct);
        // Not claimed: an earlier intake holds the key. Its request is answered as a repeat; if it never stored one (it
        // was interrupted), this intake stores it under the claimed id.
        if (!claimed && await RepeatAsync(requestId, intake, ct, waitForConcurrent: true) is { } earlier) return earlier;

        var request = new DataSubjectRequest(requestId, intake.CustomerId, intake.ProductId, intake.ExternalId, intake.Type,
            receivedAt!.Value, intake.ProductReceivedAt.ToUniversalTime(), intake.Channel, intake.Subject, intake.Message,
            DsrLifecycle.Received, [new DsrTimelineEntry(now, "received", $"from product {intake.ProductId}")]).WithCustomer(stored!);
        await queue.EnqueueAsync(requestId, now, ct);
        // Of concurrent identical intakes exactly one inserts the row and answers 202; the others answer 200 like any repeat.
        var (created, result) = await changes.CreateAsync(request, AuditActors.Product(intake.ProductId), ct);
        if (!created)
        {
            LogRepeated(logger, requestId, intake.ProductId);
            return new DsrIntakeResult(DsrIntakeOutcome.AlreadyKnown, result);
        }
        LogAccepted(logger, requestId, intake.ProductId, intake.Type.ToWire());
        return new DsrIntakeResult(DsrIntakeOutcome.Accepted, result);
    }

    /// <summary>
    /// The answer to an intake whose natural key an earlier intake claimed for <paramref name="requestId"/>: the same
    /// request (200), a refusal when that claim names another customer, or null when the earlier intake stored nothing.
    /// </summary>
    /// <param name="waitForConcurrent">
    /// The claim was just found held: a concurrent intake of the same request may be storing it this very moment, so
    /// look a few times (under a second in all) before taking over, rather than queue a second forwarding.
    /// </param>
    private async Task<DsrIntakeResult?> RepeatAsync(string requestId, DsrIntakeRequest intake, CancellationToken ct, bool waitForConcurrent = false)
    {
        if (RequestIds.CustomerOf(requestId) != intake.CustomerId) return ReusedForAnotherCustomer();
        var existing = await store.FindAsync(requestId, ct);
        for (var wait = 50; existing is null && waitForConcurrent && wait <= 400; wait *= 2)
        {
            await Task.Delay(wait, ct);
            existing = await store.FindAsync(requestId, ct);
        }
        if (existing is null) return null;
        // Nothing is queued again: the earlier intake queued the forwarding before it stored the request.
        LogRepeated(logger, existing.Request.RequestId, intake.ProductId);
        return new DsrIntakeResult(DsrIntakeOutcome.AlreadyKnown, existing.Request);
    }

    /// <summary>The natural key <c>(productId, externalId)</c> names one request; it cannot be moved to another customer.</summary>
    private static DsrIntakeResult ReusedForAnotherCustomer() => new(DsrIntakeOutcome.Invalid, null,
        new ValidationErrors().Add("customerId", "differs from the customer of the request already filed under this externalId."));

    [LoggerMessage(Level = LogLevel.Information, Message = "DSR {RequestId} accepted from product {ProductId} ({Type})")]
    private static partial void LogAccepted(ILogger logger, string requestId, string productId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "DSR {RequestId} sent again by product {ProductId}: nothing new")]
    private static partial void LogRepeated(ILogger logger, string requestId, string productId);
}
