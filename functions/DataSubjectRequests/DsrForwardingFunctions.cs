using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>The forwarding queue, its poison queue and the scheduled DSR sweep.</summary>
public sealed class DsrForwardingFunctions(DsrForwarding forwarding, DsrSweep sweep, DpoAlerts alerts)
{
    [Function("DsrForwarding")]
    public Task Forward([QueueTrigger(DsrForwardingQueue.Name)] string requestId, CancellationToken ct) =>
        forwarding.ForwardAsync(requestId.Trim(), ct);

    /// <summary>
    /// Forwarding failed on every attempt: the DPO is alerted. Nothing is lost — the request's forwarding hint
    /// stays in the due index and the sweep keeps re-driving it.
    /// </summary>
    [Function("DsrForwardingPoison")]
    public Task Poison([QueueTrigger(DsrForwardingQueue.PoisonName)] string requestId, CancellationToken ct)
    {
        var id = RequestIds.CustomerOf(requestId.Trim()) is null ? "malformed" : requestId.Trim();
        return alerts.RaiseAsync("dsr-forwarding-failed", id,
            $"DSR {id}: forwarding failed repeatedly",
            $"Forwarding data subject request {id} failed on every attempt and went to the poison queue. The DSR sweep keeps retrying; " +
            "check the function logs for the cause and the customer's directory entry.", ct);
    }

    [Function("DsrSweep")]
    public Task Sweep([TimerTrigger("%Dsr:SweepSchedule%")] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(ct);
}
