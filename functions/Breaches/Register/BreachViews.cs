namespace PrivacyFunctions.Breaches;

/// <summary>One breach in the register's list: what it is, where it stands, what is still missing (no customer data).</summary>
public sealed record BreachListItem(
    string BreachId, string Status, string Source, DateTimeOffset AwareAt, DateTimeOffset DetectedAt, string Title, bool? Notifiable,
    int NoticesSent, DateTimeOffset? ClosedAt, IReadOnlyList<string> Missing)
{
    public static BreachListItem From(Breach b) => new(b.BreachId, b.Status.ToWire(), b.Source, b.AwareAt, b.Facts.DetectedAt, b.Facts.Title,
        b.Assessment?.Notifiable, b.Notices.Count, b.ClosedAt, b.Facts.Missing());
}

public sealed record BreachListPage(IReadOnlyList<BreachListItem> Items, string? ContinuationToken);

public sealed record AssessmentView(bool Notifiable, string? Reason, AffectedScope? Scope, DateTimeOffset AssessedAt)
{
    public static AssessmentView? From(Assessment? a) => a is null ? null : new(a.Notifiable, a.Reason, a.Scope, a.AssessedAt);
}

/// <summary>A notice sent to the affected customers, by its number and kind; the text and the facts as they were then.</summary>
public sealed record SentNoticeView(int Number, string Kind, string Tag, DateTimeOffset DecidedAt, string? Text, IReadOnlyList<string> Missing)
{
    public static SentNoticeView From(SentNotice n, IReadOnlyDictionary<string, NoticeSnapshot> said) =>
        new(n.Number, n.Kind.ToWire(), BreachNoticeKeys.Tag(n), n.DecidedAt, said.GetValueOrDefault(BreachNoticeKeys.Tag(n))?.Text, n.Missing);
}

/// <summary>The breach itself as the DPO office sees it: the Art. 33(3) facts, the assessment, the notices, the closure.</summary>
public sealed record BreachView(
    string BreachId, string Status, string Source, string? ExternalId, DateTimeOffset AwareAt, BreachFacts Facts, AssessmentView? Assessment,
    IReadOnlyList<SentNoticeView> Notices, DateTimeOffset? ClosedAt, string? ClosureSummary)
{
    public static BreachView From(Breach b, IReadOnlyDictionary<string, NoticeSnapshot> said) => new(b.BreachId, b.Status.ToWire(), b.Source, b.ExternalId, b.AwareAt, b.Facts,
        AssessmentView.From(b.Assessment), b.Notices.Select(n => SentNoticeView.From(n, said)).ToArray(), b.ClosedAt, b.ClosureSummary);
}

/// <summary>
/// Our clocks (Art. 33(2) "without undue delay"): when we became aware, by when the breach must be assessed and every
/// affected customer notified (<c>Breach:AssessWithin</c>, <c>Breach:NotifyWithin</c>).
/// </summary>
public sealed record BreachClocks(DateTimeOffset AwareAt, DateTimeOffset AssessBy, DateTimeOffset NotifyBy);

/// <summary>One email of a notice to one recipient of the customer (the recipient as its address hash, never the address).</summary>
public sealed record BreachDeliveryView(string RecipientId, string Status, DateTimeOffset? SentAt, DateTimeOffset? FailedAt, string? FailureReason);

/// <summary>The emails of one notice (<c>initial</c>, <c>update-{n}</c>, <c>closure</c>, <c>renotify</c>) to one customer.</summary>
public sealed record BreachNoticeDeliveries(string Tag, IReadOnlyList<BreachDeliveryView> Deliveries);

/// <summary>
/// A notified customer: when, its own 72-hour clock (Art. 33(1): the instant, and as its clock shows it), its
/// acknowledgement, its re-notification, and the emails per notice. A customer with emails but no notice row (the
/// fan-out has not recorded it yet) is listed with <see cref="Notified"/> false.
/// </summary>
public sealed record BreachCustomerView(
    string CustomerId, bool Notified, DateTimeOffset? NotifiedAt, DateTimeOffset? ClockEndsAt, string? ClockEndsAtLocal, string? TimeZone,
    int? LastNotice, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgedRole, DateTimeOffset? RenotifiedAt,
    IReadOnlyList<BreachNoticeDeliveries> Notices);

public sealed record BreachCounts(int CustomersNotified, int CustomersAcknowledged, int DeliveriesSent, int DeliveriesPending, int DeliveriesFailed);

/// <summary>Everything the register knows of one breach.</summary>
/// <param name="Version">The breach's version: its <c>ETag</c> is <c>"{version}"</c>, which a PATCH sends back in <c>If-Match</c>.</param>
public sealed record BreachDetail(
    BreachView Breach, BreachClocks Clocks, IReadOnlyList<string> Missing, BreachCounts Counts, IReadOnlyList<BreachCustomerView> Customers, long Version);

/// <summary>A customer in the Art. 33(5) documentation: when notified, when (and by which role) acknowledged.</summary>
public sealed record BreachExportCustomer(string CustomerId, DateTimeOffset NotifiedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedRole,
    DateTimeOffset? RenotifiedAt);

/// <summary>
/// One breach documented under Art. 33(5): the facts relating to it, its effects (likely consequences) and the remedial
/// action taken (measures), the assessment, the notices sent and who was notified and acknowledged.
/// </summary>
public sealed record BreachExportItem(
    string BreachId, string Status, string Source, DateTimeOffset AwareAt, BreachFacts Facts, string? Effects, string? RemedialAction,
    AssessmentView? Assessment, IReadOnlyList<SentNoticeView> Notices, DateTimeOffset? ClosedAt, string? ClosureSummary,
    IReadOnlyList<BreachExportCustomer> Customers);

public sealed record BreachExport(DateTimeOffset From, DateTimeOffset To, DateTimeOffset GeneratedAt, IReadOnlyList<BreachExportItem> Breaches);
