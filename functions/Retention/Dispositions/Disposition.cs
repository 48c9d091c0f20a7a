using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Retention;

public enum DispositionStatus { AwaitingChoice, Chosen, Commanded, Certified }

public static class RetentionWire
{
    public static readonly WireNames<DispositionStatus> Statuses = new(
        (DispositionStatus.AwaitingChoice, "awaitingChoice"), (DispositionStatus.Chosen, "chosen"),
        (DispositionStatus.Commanded, "commanded"), (DispositionStatus.Certified, "certified"));

    public static string ToWire(this DispositionStatus status) => Statuses.Of(status);
}

/// <summary>The customer's choice (SCC 2021/915 cl. 10(d)): <c>delete</c>, or <c>return</c> to a contact in a format; or the DPA's default.</summary>
public sealed record DispositionChoice(string Kind, string? ReturnContact, string? ReturnFormat, DateTimeOffset ChosenAt, bool ByDefault);

/// <summary>What a product kept under a hold instead of deleting it.</summary>
public sealed record KeptCategory(string Category, string HoldId);

public sealed record CategoryCount(string Category, long Count);

/// <summary>A product's confirmation of its command: deleted or returned, per category with counts, what it kept under which hold.</summary>
public sealed record ProductConfirmation(string Outcome, IReadOnlyList<CategoryCount> Categories, IReadOnlyList<KeptCategory> Kept, DateTimeOffset CompletedAt, DateTimeOffset ReceivedAt);

/// <summary>A hold whose categories a command keeps out (its basis and end are told to the product).</summary>
public sealed record HeldBack(string HoldId, string Basis, IReadOnlyList<string> Categories, DateTimeOffset? Until);

/// <summary>
/// One command to one product: purge (or return) the customer's data — every category, or only <see cref="Categories"/>
/// for a follow-up purge when a hold ended — keeping <see cref="Held"/> back. Round 0 is the disposition itself; round n
/// a follow-up.
/// </summary>
public sealed record ProductCommand(string ProductId, string Kind, int Round, IReadOnlyList<string>? Categories, IReadOnlyList<HeldBack> Held,
    DateTimeOffset SentAt, int Reminders = 0, ProductConfirmation? Confirmation = null, string? FollowsHold = null)
{
    public string Outcome => Kind == "return" ? "returned" : "deleted";
}

/// <summary>A deletion certificate (SCC cl. 10(d)): its canonical JSON and the SHA-256 digest of it.</summary>
public sealed record Certificate(string CertificateId, int Round, DateTimeOffset IssuedAt, string Digest, string Canonical);

/// <summary>
/// The end of a customer's contract for some products (GDPR Art. 28(3)(g)): the customer's choice, the commands to the
/// products, their confirmations, and the certificates — including follow-ups when a legal hold ends after the purge.
/// </summary>
public sealed record Disposition(
    string DispositionId,
    string CustomerId,
    IReadOnlyList<string> Products,
    DateTimeOffset EndsAt,
    DateTimeOffset RecordedAt,
    string Source,
    DateTimeOffset ChoiceDeadline,
    DispositionStatus Status,
    bool WholeContract,
    DispositionChoice? Choice = null,
    IReadOnlyList<ProductCommand>? CommandList = null,
    IReadOnlyList<Certificate>? CertificateList = null)
{
    public IReadOnlyList<ProductCommand> Commands => CommandList ?? [];
    public IReadOnlyList<Certificate> Certificates => CertificateList ?? [];
    public int LastRound => Commands.Count == 0 ? -1 : Commands.Max(c => c.Round);
    public bool RoundConfirmed(int round) => Commands.Where(c => c.Round == round).All(c => c.Confirmation is not null);

    /// <summary>Every command confirmed and every category a product kept under a hold purged since by its follow-up.</summary>
    public bool Complete => Commands.Count > 0 && Commands.All(c => c.Confirmation is not null)
        && Commands.SelectMany(c => c.Confirmation!.Kept.Select(k => (c.ProductId, k.HoldId)))
            .All(k => Commands.Any(c => c.ProductId == k.ProductId && c.FollowsHold == k.HoldId));
}
