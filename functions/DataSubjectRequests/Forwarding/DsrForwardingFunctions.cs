using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.DataSubjectRequests.Due;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>The forwarding queue, its poison queue and the scheduled DSR sweep.</summary>
public sealed class DsrForwardingFunctions(DsrForwarding forwarding, DsrSweep sweep, DpoAlerts alerts)
{
    [Function("DsrForwarding")]
    public Task Forward([QueueTrigger(DsrForwardingQueue.Name)] string? requestId, CancellationToken ct) =>
        forwarding.ForwardAsync(requestId?.Trim() ?? "", ct);

    /// <summary>
    /// Forwarding failed on every attempt: the DPO is alerted. Nothing is lost — the request's forwarding hint
    /// stays in the due index and the sweep keeps re-driving it. Any message is handled, even one that names no
    /// request (empty, garbled, foreign): a poison handler records and alerts, it never fails on its input.
    /// </summary>
    [Function("DsrForwardingPoison")]
    public Task Poison([QueueTrigger(DsrForwardingQueue.PoisonName)] string? message, CancellationToken ct)
    {
        var (id, known) = DsrForwardingQueue.Describe(message);
        var text = known
            ? $"Forwarding data subject request {id} failed on every attempt and went to the poison queue. The DSR sweep keeps retrying; " +
              "check the function logs for the cause and the customer's directory entry."
            : $"A message that names no data subject request ({id}) reached the forwarding poison queue. No request is affected by it; " +
              "check which component wrote to the dsr-forwarding queue.";
        return alerts.RaiseAsync("dsr-forwarding-failed", id, $"DSR {id}: forwarding failed repeatedly", text, ct);
    }

    [Function("DsrSweep")]
    public Task Sweep([TimerTrigger("%Dsr:SweepSchedule%")] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(ct);
}
