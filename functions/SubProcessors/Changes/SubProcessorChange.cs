using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.SubProcessors;

public enum ChangeAction { Add, Replace, Remove, Update }

public enum ChangeStatus { Upcoming, Effective, Withdrawn }

public static class ChangeWire
{
    public static readonly WireNames<ChangeAction> Actions = new(
        (ChangeAction.Add, "add"), (ChangeAction.Replace, "replace"), (ChangeAction.Remove, "remove"), (ChangeAction.Update, "update"));

    public static readonly WireNames<ChangeStatus> Statuses = new(
        (ChangeStatus.Upcoming, "upcoming"), (ChangeStatus.Effective, "effective"), (ChangeStatus.Withdrawn, "withdrawn"));

    public static string ToWire(this ChangeAction action) => Actions.Of(action);
    public static string ToWire(this ChangeStatus status) => Statuses.Of(status);
}

/// <summary>One field of a register entry that a change alters (a whole entry added or removed lists every field).</summary>
public sealed record FieldChange(string Field, string? From, string? To);

/// <summary>
/// A customer whose data must still be kept away from the sub-processor after the change became effective (SCC
/// 2021/915 cl. 7.7: objection before engagement): its objection window is still open (<c>window</c>; its end is
/// null while its notice is not delivered yet), or it objected and the objection is unresolved, accommodated or
/// ended in termination (<c>objection</c>).
/// </summary>
public sealed record HeldCustomer(string CustomerId, string Reason, DateTimeOffset? WindowEndsAt)
{
    public const string Window = "window";
    public const string ObjectionReason = "objection";
}

/// <summary>
/// An announced change of the register (GDPR Art. 28(2) general authorisation: the processor informs of intended
/// changes, giving the controller the opportunity to object). <see cref="Entry"/> is the register entry after the
/// change (add, update, replace: the new one); <see cref="Previous"/> the entry it alters or removes (update, remove,
/// replace: the old one). <see cref="Products"/> are the affected products — none means every customer is affected.
/// </summary>
public sealed record SubProcessorChange(
    string ChangeId,
    ChangeAction Action,
    SubProcessor? Entry,
    SubProcessor? Previous,
    IReadOnlyList<FieldChange> Diff,
    IReadOnlyList<string> Products,
    string Summary,
    DateTimeOffset AnnouncedAt,
    DateTimeOffset EffectiveAt,
    ChangeStatus Status,
    string RequestHash,
    DateTimeOffset? WithdrawnAt = null,
    string? WithdrawalReason = null,
    DateTimeOffset? EffectiveSince = null,
    IReadOnlyList<HeldCustomer>? Held = null)
{
    /// <summary>The sub-processor the change is about: the new one, else the one removed.</summary>
    public SubProcessor Subject => Entry ?? Previous!;

    public IReadOnlyList<HeldCustomer> HeldCustomers => Held ?? [];

    /// <summary>Whether a customer using <paramref name="customerProducts"/> is affected (every customer when the change names no product).</summary>
    public bool Affects(IEnumerable<string> customerProducts) => Products.Count == 0 || customerProducts.Any(Products.Contains);
}
