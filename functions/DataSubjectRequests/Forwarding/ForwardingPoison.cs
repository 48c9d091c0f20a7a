using Microsoft.Extensions.Options;
using PrivacyFunctions.DataSubjectRequests.Due;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// A forwarding message that failed on every attempt. Its request is handed to the sweep — the re-drive hint: the
/// sweep finishes any pending effects, re-drives while the request is not forwarded and escalates past
/// <c>Dsr:ForwardWithin</c> — and the DPO is alerted. Any message is handled, even one that names no request (empty,
/// garbled, foreign): a poison handler records and alerts, it never fails on its input.
/// </summary>
public sealed class ForwardingPoison(DsrStore store, DueIndex due, DpoAlerts alerts, IOptions<DsrOptions> options, TimeProvider clock)
{
    public async Task HandOverAsync(string? message, CancellationToken ct)
    {
        var (id, known) = DsrForwardingQueue.Describe(message);
        var stored = known && await store.FindAsync(id, ct) is not null;
        if (stored)
            await due.ScheduleAsync(DsrForwardingRedrive.HintFor(id, clock.GetUtcNow() + options.Value.RedriveAfter), ct);
        var text = (known, stored) switch
        {
            (true, true) => $"Forwarding data subject request {id} failed on every attempt and went to the poison queue. The DSR sweep keeps retrying; " +
                "check the function logs for the cause and the customer's directory entry.",
            (true, false) => $"A forwarding message for data subject request {id} went to the poison queue, but no such request is stored: its intake " +
                "failed before storing it (the product was answered with an error and may send it again). Nothing is waiting to be forwarded.",
            _ => $"A message that names no data subject request ({id}) reached the forwarding poison queue. No request is affected by it; " +
                "check which component wrote to the dsr-forwarding queue.",
        };
        await alerts.RaiseAsync("dsr-forwarding-failed", id, $"DSR {id}: forwarding failed repeatedly", text, ct);
    }
}
