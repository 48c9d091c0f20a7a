using System.Security.Cryptography;
using System.Text;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.SubProcessors;

public enum ObjectionStatus { Open, Withdrawn, Accommodated, Terminated }

public static class ObjectionWire
{
    public static readonly WireNames<ObjectionStatus> Statuses = new(
        (ObjectionStatus.Open, "open"), (ObjectionStatus.Withdrawn, "withdrawn"),
        (ObjectionStatus.Accommodated, "accommodated"), (ObjectionStatus.Terminated, "terminated"));

    /// <summary>The outcomes a resolution may name (every status but <c>open</c>).</summary>
    public static readonly string[] Outcomes = ["withdrawn", "accommodated", "terminated"];

    public static string ToWire(this ObjectionStatus status) => Statuses.Of(status);
}

/// <summary>
/// A customer's objection to a change (GDPR Art. 28(2); SCC 2021/915 cl. 7.7), from the signed link (<c>link</c>) or
/// recorded by the DPO office from an email (<c>email</c>), tracked to its resolution. One per customer and change:
/// its id is derived from both (<see cref="IdFor"/>). The summary is the customer's text: kept, never logged.
/// </summary>
public sealed record Objection(
    string ObjectionId,
    string ChangeId,
    string CustomerId,
    DateTimeOffset ReceivedAt,
    string Channel,
    string Summary,
    ObjectionStatus Status,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ResolvedAt = null,
    string? ResolutionNote = null)
{
    public const string LinkChannel = "link";
    public const string EmailChannel = "email";

    /// <summary>Whether the customer's data must be kept away from the sub-processor (unresolved, accommodated, or ending in termination).</summary>
    public bool Holds => Status is ObjectionStatus.Open or ObjectionStatus.Accommodated or ObjectionStatus.Terminated;

    public static string IdFor(string changeId, string customerId) =>
        "obj-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(changeId + "\n" + customerId)))[..24];
}
