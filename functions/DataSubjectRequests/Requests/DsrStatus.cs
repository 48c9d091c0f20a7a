using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>Where a request is in its lifecycle; see <see cref="DsrStatuses.CanMoveTo"/> for the allowed moves.</summary>
public enum DsrStatus
{
    /// <summary>Stored; the end-user referral and the forward to the customer are not sent yet.</summary>
    Received,
    /// <summary>The customer's DSR contacts have the request.</summary>
    Forwarded,
    /// <summary>The customer confirmed it has the request (optional step).</summary>
    Acknowledged,
    /// <summary>The customer instructed a product action; waiting for the product's completion.</summary>
    Instructed,
    /// <summary>The product carried out the instructed action. Final.</summary>
    Completed,
    /// <summary>The customer answers the end-user itself; nothing more for the processor to do. Final.</summary>
    Closed,
    /// <summary>The product withdrew the request before it was forwarded. Final.</summary>
    Cancelled,
}

public static class DsrStatuses
{
    public static readonly WireNames<DsrStatus> Wire = new(
        (DsrStatus.Received, "received"),
        (DsrStatus.Forwarded, "forwarded"),
        (DsrStatus.Acknowledged, "acknowledged"),
        (DsrStatus.Instructed, "instructed"),
        (DsrStatus.Completed, "completed"),
        (DsrStatus.Closed, "closed"),
        (DsrStatus.Cancelled, "cancelled"));

    /// <summary>The one transition table: every status change the lifecycle allows, and no other.</summary>
    private static readonly Dictionary<DsrStatus, DsrStatus[]> Moves = new()
    {
        [DsrStatus.Received] = [DsrStatus.Forwarded, DsrStatus.Cancelled],
        // Acknowledging is optional: a customer may instruct straight away.
        [DsrStatus.Forwarded] = [DsrStatus.Acknowledged, DsrStatus.Instructed, DsrStatus.Closed],
        [DsrStatus.Acknowledged] = [DsrStatus.Instructed, DsrStatus.Closed],
        [DsrStatus.Instructed] = [DsrStatus.Completed],
        [DsrStatus.Completed] = [],
        [DsrStatus.Closed] = [],
        [DsrStatus.Cancelled] = [],
    };

    public static string ToWire(this DsrStatus status) => Wire.Of(status);

    public static bool CanMoveTo(this DsrStatus from, DsrStatus to) => Moves[from].Contains(to);

    /// <summary>Open requests still bind someone: reminders, escalation and extensions apply; subject data is kept.</summary>
    public static bool IsOpen(this DsrStatus status) => Moves[status].Length > 0;
}
