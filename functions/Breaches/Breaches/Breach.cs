using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Breaches;

public enum BreachStatus { Triage, Notifiable, NotNotifiable, Closed }

public enum NoticeKind { Initial, Update, Closure }

public static class BreachWire
{
    public static readonly WireNames<BreachStatus> Statuses = new(
        (BreachStatus.Triage, "triage"), (BreachStatus.Notifiable, "notifiable"), (BreachStatus.NotNotifiable, "notNotifiable"), (BreachStatus.Closed, "closed"));

    public static readonly WireNames<NoticeKind> NoticeKinds = new(
        (NoticeKind.Initial, "initial"), (NoticeKind.Update, "update"), (NoticeKind.Closure, "closure"));

    public static string ToWire(this BreachStatus status) => Statuses.Of(status);
    public static string ToWire(this NoticeKind kind) => NoticeKinds.Of(kind);
}

/// <summary>
/// What is known of a breach (GDPR Art. 33(3)): its nature, the categories and approximate numbers of data subjects
/// and records, a contact point, the likely consequences and the measures taken or proposed — plus where it happened.
/// A null element is not known yet; a notice without it can only be an initial phased notice (Art. 33(4)).
/// </summary>
public sealed record BreachFacts(
    string Title,
    DateTimeOffset DetectedAt,
    string? Nature = null,
    IReadOnlyList<string>? DataSubjectCategories = null,
    int? DataSubjectsApprox = null,
    IReadOnlyList<string>? RecordCategories = null,
    int? RecordsApprox = null,
    string? ContactPoint = null,
    string? LikelyConsequences = null,
    string? Measures = null,
    IReadOnlyList<string>? Systems = null,
    IReadOnlyList<string>? Products = null)
{
    /// <summary>The Art. 33(3) elements a complete notice needs, by wire field name, and whether each is known.</summary>
    public IReadOnlyList<string> Missing() =>
    [
        .. Nature is null ? ["nature"] : Array.Empty<string>(),
        .. DataSubjectCategories is not { Count: > 0 } ? ["dataSubjectCategories"] : Array.Empty<string>(),
        .. DataSubjectsApprox is null ? ["dataSubjectsApprox"] : Array.Empty<string>(),
        .. RecordCategories is not { Count: > 0 } ? ["recordCategories"] : Array.Empty<string>(),
        .. RecordsApprox is null ? ["recordsApprox"] : Array.Empty<string>(),
        .. ContactPoint is null ? ["contactPoint"] : Array.Empty<string>(),
        .. LikelyConsequences is null ? ["likelyConsequences"] : Array.Empty<string>(),
        .. Measures is null ? ["measures"] : Array.Empty<string>(),
    ];
}

/// <summary>Which customers a notifiable breach affects: a list, every customer of some products, or every customer.</summary>
public sealed record AffectedScope(string Kind, IReadOnlyList<string> Customers, IReadOnlyList<string> Products)
{
    public const string List = "customers";
    public const string OfProducts = "products";
    public const string All = "all";

    public bool Includes(string customerId, IEnumerable<string> customerProducts) => Kind switch
    {
        All => true,
        OfProducts => customerProducts.Any(Products.Contains),
        _ => Customers.Contains(customerId),
    };
}

public sealed record Assessment(bool Notifiable, string? Reason, AffectedScope? Scope, DateTimeOffset AssessedAt);

/// <summary>
/// One notice decided for the affected customers: the initial (possibly phased) notice, a numbered update, the closure.
/// What it says (<see cref="NoticeSnapshot"/>) is kept in a row of its own, so the breach stays small however many updates it gets.
/// </summary>
public sealed record SentNotice(int Number, NoticeKind Kind, DateTimeOffset DecidedAt, IReadOnlyList<string> Missing);

/// <summary>What a notice says, fixed when it was decided: the update's text or the closure's summary, and the facts then known.</summary>
public sealed record NoticeSnapshot(string? Text, BreachFacts Facts);

/// <summary>
/// A personal-data breach at the processor (GDPR Art. 33(2)–(5); SCC 2021/915 cl. 9.2), from a product's report or
/// opened by the DPO office, kept in the register whether notifiable or not (Art. 33(5)). <see cref="AwareAt"/> is when
/// the processor became aware: the start of "without undue delay".
/// </summary>
public sealed record Breach(
    string BreachId,
    string Source,
    string? ExternalId,
    DateTimeOffset AwareAt,
    BreachFacts Facts,
    BreachStatus Status,
    Assessment? Assessment = null,
    IReadOnlyList<SentNotice>? Sent = null,
    DateTimeOffset? ClosedAt = null,
    string? ClosureSummary = null,
    IReadOnlyList<string>? ReportedCustomers = null)
{
    public IReadOnlyList<SentNotice> Notices => Sent ?? [];

    public bool InitialSent => Notices.Any(n => n.Kind == NoticeKind.Initial);
}
