namespace PrivacyFunctions.Customers;

/// <summary>The JSON representation returned by the customer endpoints.</summary>
public sealed record CustomerView(
    string CustomerId, string Name, CustomerContacts Contacts, EndUserContact EndUserContact,
    string Locale, string TimeZone, IReadOnlyList<string> Products, int Version, DateTimeOffset UpdatedAt,
    CustomerStatus Status, DateTimeOffset? EndedAt)
{
    public static CustomerView From(StoredCustomer stored) => new(
        stored.Customer.CustomerId, stored.Customer.Name, stored.Customer.Contacts, stored.Customer.EndUserContact,
        stored.Customer.Locale, stored.Customer.TimeZone, stored.Customer.Products, stored.Version, stored.UpdatedAt,
        stored.Customer.Status, stored.Customer.EndedAt);
}
