using PrivacyFunctions.Customers;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// One data subject request that reached the processor through a product (GDPR Art. 12(3), 28(3)(e)).
/// <see cref="Subject"/> and <see cref="Message"/> are the only personal data; they are erased
/// <c>Dsr:SubjectDataRetention</c> after the request ends, the rest stays as the accountability record.
/// </summary>
public sealed record DataSubjectRequest(
    string RequestId,
    string CustomerId,
    string ProductId,
    string ExternalId,
    DsrType Type,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProductReceivedAt,
    string? Channel,
    DsrSubject? Subject,
    string? Message,
    DsrLifecycle Lifecycle,
    IReadOnlyList<DsrTimelineEntry> Timeline)
{
    public DsrStatus Status => Lifecycle.Status;

    public DateTimeOffset? SubjectErasedAt { get; init; }

    /// <summary>How many DSR contacts the request was forwarded to (their deliveries are the proof).</summary>
    public int ForwardedToCount { get; init; }

    /// <summary>When the product reports it carried out the instructed action (what the customer is told).</summary>
    public DateTimeOffset? ActionCompletedAt { get; init; }

    /// <summary>A message the customer's instruction explicitly asks us to send the end-user (personal data: erased with the subject).</summary>
    public string? EndUserReply { get; init; }

    /// <summary>When the request ended (completed, closed, cancelled): the start of the subject-data retention period.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>
    /// The customer as this request uses it (name, language, time zone, DSR and privacy contacts, end-user contact),
    /// copied at intake and kept current while the request is open by the customer's updates
    /// (<see cref="DsrCustomerCopies"/>), so no later step of the request reads the customer. Its contact addresses are
    /// erased with the subject's data. Null only on requests stored before the copy existed.
    /// </summary>
    public Customer? Customer { get; init; }

    /// <summary>The version of the customer that <see cref="Customer"/> was copied from.</summary>
    public long CustomerVersion { get; init; }

    /// <summary>The request with a copy of <paramref name="customer"/> (what DSR uses of it: no security contacts, no products).</summary>
    public DataSubjectRequest WithCustomer(StoredCustomer customer) => this with
    {
        Customer = customer.Customer with
        {
            Contacts = customer.Customer.Contacts with { Security = [] },
            Products = [],
            ErasedAddressHashes = null,
        },
        CustomerVersion = customer.Version,
    };

    /// <summary>The customer's deadline in its time zone (docs/dsr-domain.md), with the recorded extension.</summary>
    public DeadlineDue DeadlineIn(string timeZone) => CustomerDeadline.Compute(ReceivedAt, timeZone, Lifecycle.ExtensionMonths);

    public DataSubjectRequest With(DsrLifecycle lifecycle, DateTimeOffset at, string what, string? detail = null) => this with
    {
        Lifecycle = lifecycle,
        Timeline = [.. Timeline, new DsrTimelineEntry(at, what, detail)],
        EndedAt = EndedAt ?? (lifecycle.IsOpen ? null : at),
    };

    public DataSubjectRequest Noted(DateTimeOffset at, string what, string? detail = null) => this with
    {
        Timeline = [.. Timeline, new DsrTimelineEntry(at, what, detail)],
    };
}

/// <summary>One line of a request's timeline: what happened when (ids and counts only, never personal data).</summary>
public sealed record DsrTimelineEntry(DateTimeOffset At, string What, string? Detail = null);
