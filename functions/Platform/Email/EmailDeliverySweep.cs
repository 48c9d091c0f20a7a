using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// Re-drives a delivery whose <c>email.delivery</c> hint fell due: re-reads the record. Still Pending → re-enqueue the key
/// (this recovers a crash between writing the record and enqueuing it, and a message lost any other way), then write the
/// next hint <c>Email:RedriveAfter</c> ahead and record it on the delivery. If the enqueue fails, nothing has moved: the
/// sweep backs the hint off and, after repeated failures, alerts the DPO office. Sent or Failed → the hint is just
/// removed. Safe to run twice or concurrently: the worst case is a duplicate queue message, which the handler ignores.
/// </summary>
public sealed class EmailRedrive(
    DueIndex due, EmailDeliveryStore store, IEmailDeliveryQueue queue, IOptions<EmailOptions> options, ILogger<EmailRedrive> logger) : IDueHandler
{
    public string Kind => EmailNames.RedriveDueKind;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(hint.ItemKey, cancellationToken) is not var (delivery, etag))
        {
            EmailLog.HintWithoutRecord(logger, hint.ItemKey);
            return DueOutcome.NothingDue;
        }
        // Settled, or a stale hint of a delivery whose current hint is still ahead.
        if (delivery.Status != EmailDeliveryStatus.Pending || (delivery.RedriveAt != hint.DueAt && delivery.RedriveAt > now))
            return DueOutcome.NothingDue;

        if (delivery.ClaimedUntil is not { } claimedUntil || claimedUntil <= now)
        {
            await queue.EnqueueAsync(hint.ItemKey, cancellationToken);
            EmailLog.Redriven(logger, hint.ItemKey, delivery.Attempts);
        }
        // The next hint before the record names it: a crash in between leaves two hints, never none.
        var next = new DueItem(hint.Kind, hint.ItemKey, now + options.Value.RedriveAfter);
        await due.ScheduleAsync(next, cancellationToken);
        delivery.RedriveAt = next.DueAt;
        await store.TryUpdateAsync(delivery, etag, cancellationToken); // if it changed meanwhile, the new hint is settled later
        return DueOutcome.Done;
    }
}

/// <summary>The email redrive sweep: the one due sweep (<see cref="DueSweep"/>) run over the <c>email</c> family.</summary>
public sealed class EmailDeliverySweep(DueSweep sweep, IOptions<EmailOptions> options)
{
    public const string Family = "email";

    /// <returns>How many deliveries were re-driven.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken) =>
        (await sweep.RunAsync(Family, cancellationToken, options.Value.SweepBatchSize)).Acted;
}
