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
}

public sealed record CustomerContacts(IReadOnlyList<string> Privacy, IReadOnlyList<string> Security, IReadOnlyList<string> Dsr);

/// <summary>Where end-users are sent to exercise their rights with the customer (an address and/or a web page).</summary>
public sealed record EndUserContact(string? Email, string? Url);

/// <summary>A stored customer with its concurrency tag and change counter.</summary>
public sealed record StoredCustomer(Customer Customer, string ETag, int Version, DateTimeOffset UpdatedAt);
