using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// The redrive sweep: reads the due <c>email.delivery</c> hints (cost grows with what is due, not with what is
/// stored) and, for each, re-reads the record. Still Pending → re-enqueue the key and push the hint
/// <c>Email:RedriveAfter</c> ahead (this recovers a crash between writing the record and enqueuing it, and a
/// message lost any other way). Sent or Failed → the hint is just removed. Safe to run twice or concurrently:
/// the worst case is a duplicate queue message, which the handler ignores.
/// </summary>
public sealed class EmailDeliverySweep(
    DueIndex due,
    EmailDeliveryStore store,
    IEmailDeliveryQueue queue,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    ILogger<EmailDeliverySweep> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hints = await due.ReadDueAsync(now, options.Value.SweepBatchSize, EmailNames.RedriveDueKind, cancellationToken);
        int redriven = 0, settled = 0;
        foreach (var hint in hints)
        {
            if (await store.GetAsync(hint.ItemKey, cancellationToken) is not var (delivery, etag))
            {
                EmailLog.HintWithoutRecord(logger, hint.ItemKey);
                await due.CompleteAsync(hint, cancellationToken);
                continue;
            }
            if (delivery.Status != EmailDeliveryStatus.Pending || (delivery.RedriveAt != hint.DueAt && delivery.RedriveAt > now))
            {
                // Settled, or a stale hint of a delivery whose current hint is still ahead.
                await due.CompleteAsync(hint, cancellationToken);
                settled++;
                continue;
            }

            var next = hint with { DueAt = now + options.Value.RedriveAfter };
            await due.ScheduleAsync(next, cancellationToken);
            delivery.RedriveAt = next.DueAt;
            await store.TryUpdateAsync(delivery, etag, cancellationToken); // if it changed meanwhile, the new hint is settled later
            if (delivery.ClaimedUntil is not { } claimedUntil || claimedUntil <= now)
            {
                await queue.EnqueueAsync(hint.ItemKey, cancellationToken);
                EmailLog.Redriven(logger, hint.ItemKey, delivery.Attempts);
                redriven++;
            }
            await due.CompleteAsync(hint, cancellationToken);
        }
        EmailLog.Swept(logger, hints.Count, redriven, settled);
        return redriven;
    }
}
