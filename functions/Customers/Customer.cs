using System.Text.Json.Serialization;

namespace PrivacyFunctions.Customers;

/// <summary>
/// A customer — the controller whose personal data the processor handles (GDPR Art. 28) — and whom to tell
/// what. Contacts are by role: <c>privacy</c> (DPA and sub-processor notices), <c>security</c> (breach
/// notices, Art. 33(2)), <c>dsr</c> (data subject requests, Art. 28(3)(e)).
/// </summary>
public sealed record Customer(
    string CustomerId,
    string Name,
    CustomerContacts Contacts,
    EndUserContact EndUserContact,
    string Locale,
    string TimeZone,
    IReadOnlyList<string> Products)
{
    public const string DefaultTimeZone = "Europe/Brussels";
    public const string DefaultLocale = "en";

    /// <summary><c>active</c> (the default: documents stored before the status existed read as active) or <c>ended</c>.</summary>
    public CustomerStatus Status { get; init; } = CustomerStatus.Active;

    /// <summary>When the contract ended and the customer's contact data was erased (<see cref="CustomerEnding"/>).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>
    /// SHA-256 (hex) of each erased contact address (lower-cased, as <c>EmailDelivery.RecipientHash</c>): proves which
    /// addresses were erased and lets a repeated ending find a delivery that was still pending, without the addresses.
    /// </summary>
    public IReadOnlyList<string>? ErasedAddressHashes { get; init; }

    /// <summary>Every contact address (privacy, security, dsr and the end-user contact email), lower-cased and distinct.</summary>
    public IReadOnlyList<string> ContactAddresses() =>
        Contacts.Privacy.Concat(Contacts.Security).Concat(Contacts.Dsr)
            .Concat(EndUserContact.Email is { } email ? [email] : [])
            .Select(a => a.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}

/// <summary>Whether the customer's contract is running or has ended (its data erased, GDPR Art. 28(3)(g)).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CustomerStatus>))]
public enum CustomerStatus
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("ended")] Ended,
}

public sealed record CustomerContacts(IReadOnlyList<string> Privacy, IReadOnlyList<string> Security, IReadOnlyList<string> Dsr);

/// <summary>Where end-users are sent to exercise their rights with the customer (an address and/or a web page).</summary>
public sealed record EndUserContact(string? Email, string? Url);

/// <summary>A stored customer with its concurrency tag and change counter.</summary>
public sealed record StoredCustomer(Customer Customer, string ETag, int Version, DateTimeOffset UpdatedAt);
