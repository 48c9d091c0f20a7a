using System.Text.Json;
using NodaTime;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Customers;

/// <summary>Reads and validates the body of <c>PUT /api/customers/{customerId}</c>.</summary>
public static class CustomerRequest
{
    private const int MaxContactsPerRole = 10;

    public static (Customer? Customer, ValidationErrors Errors) Parse(string customerId, JsonElement body, IReadOnlySet<string> knownProducts)
    {
        var errors = new ValidationErrors();
        if (!JsonFields.IdPattern().IsMatch(customerId))
            errors.Add("customerId", "must be 1–64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit.");

        var fields = new JsonFields(body, errors);
        var name = fields.Line("name", required: true, maxLength: 200);

        var contactFields = fields.Object("contacts", required: true);
        var privacy = contactFields?.EmailArray("privacy", required: true, 1, MaxContactsPerRole);
        var security = contactFields?.EmailArray("security", required: false, 1, MaxContactsPerRole) ?? [];
        var dsr = contactFields?.EmailArray("dsr", required: false, 1, MaxContactsPerRole) ?? [];
        contactFields?.RejectUnknown();

        var endUserFields = fields.Object("endUserContact", required: true);
        var endUserEmail = endUserFields?.Email("email", required: false);
        var endUserUrl = endUserFields?.String("url", required: false, maxLength: 500);
        if (endUserUrl is not null && !(Uri.TryCreate(endUserUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            errors.Add("endUserContact.url", "must be an absolute https URL.");
        if (endUserFields is not null && endUserEmail is null && endUserUrl is null && !errors.Fields.Any(f => f.StartsWith("endUserContact.", StringComparison.Ordinal)))
            errors.Add("endUserContact", "must give an email, a url, or both.");
        endUserFields?.RejectUnknown();

        var locale = fields.String("locale", required: false, maxLength: 35, LocalePattern.Regex(), "must be a language tag such as en, nl-BE or de-DE.") ?? Customer.DefaultLocale;
        var timeZone = fields.String("timeZone", required: false, maxLength: 64) ?? Customer.DefaultTimeZone;
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is null)
            errors.Add("timeZone", "must be an IANA time zone such as Europe/Brussels.");

        var products = fields.IdArray("products", required: true, 1, 50);
        if (products is not null)
        {
            for (var i = 0; i < products.Count; i++)
                if (!knownProducts.Contains(products[i]))
                    errors.Add($"products[{i}]", "is not a product of this processor (see Products:* settings).");
            if (products.Distinct(StringComparer.Ordinal).Count() != products.Count)
                errors.Add("products", "must not repeat a product.");
        }
        fields.RejectUnknown();

        if (!errors.IsEmpty)
            return (null, errors);
        return (new Customer(customerId, name!.Trim(),
            new CustomerContacts(Normalize(privacy!), Normalize(security), Normalize(dsr)),
            new EndUserContact(endUserEmail?.ToLowerInvariant(), endUserUrl),
            locale, timeZone, products!.ToArray()), errors);
    }

    private static string[] Normalize(IReadOnlyList<string> emails) =>
        emails.Select(e => e.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
}
