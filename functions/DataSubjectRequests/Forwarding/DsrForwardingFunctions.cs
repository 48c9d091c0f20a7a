using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.DataSubjectRequests.Due;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>The forwarding queue, its poison queue, the scheduled DSR sweep and the forwarding queue's watch.</summary>
public sealed class DsrForwardingFunctions(DsrForwarding forwarding, ForwardingPoison poison, DsrSweep sweep, ForwardingWatch watch)
{
    [Function("DsrForwarding")]
    public Task Forward([QueueTrigger(DsrForwardingQueue.Name)] string? message, CancellationToken ct) =>
        DsrForwardingQueue.Parse(message) is { } parsed
            ? forwarding.ForwardAsync(parsed.RequestId, ct, parsed.QueuedAt)
            : forwarding.ForwardAsync(message?.Trim() ?? "", ct); // names no request: logged and dropped

    [Function("DsrForwardingPoison")]
    public Task Poison([QueueTrigger(DsrForwardingQueue.PoisonName)] string? message, CancellationToken ct) =>
        poison.HandOverAsync(message, ct);

    [Function("DsrSweep")]
    public Task Sweep([TimerTrigger("%Dsr:SweepSchedule%")] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(ct);

    /// <summary>On the sweep's schedule, apart from it: the queue's health is not a request's work.</summary>
    [Function("DsrForwardingWatch")]
    public Task Watch([TimerTrigger("%Dsr:SweepSchedule%")] TimerInfo timer, CancellationToken ct) => watch.CheckAsync(ct);
}
