using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Retention;

public enum HoldStatus { Active, Released, Expired }

/// <summary>
/// Data the processor must keep as a controller under its own legal duty (KYC, AML, eIDAS, tax, litigation, other): kept
/// only for that purpose and as long as the law requires. A hold exempts its categories of the customer's data in its
/// products from a purge; when it ends (<see cref="Until"/> passes, or it is released) a follow-up purge runs.
/// </summary>
public sealed record LegalHold(
    string HoldId,
    string CustomerId,
    string Basis,
    string Reference,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Products,
    DateTimeOffset? Until,
    DateTimeOffset? ReviewAt,
    DateTimeOffset PlacedAt,
    HoldStatus Status,
    DateTimeOffset? EndedAt = null,
    string? ReleaseReason = null)
{
    public static readonly string[] Bases = ["kyc", "aml", "eidas", "tax", "litigation", "other"];

    public static readonly WireNames<HoldStatus> Statuses = new((HoldStatus.Active, "active"), (HoldStatus.Released, "released"), (HoldStatus.Expired, "expired"));

    public bool Covers(string productId) => Products.Count == 0 || Products.Contains(productId);
}
