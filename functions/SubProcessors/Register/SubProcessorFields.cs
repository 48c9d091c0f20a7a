using System.Globalization;
using System.Text.RegularExpressions;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.SubProcessors;

/// <summary>Reads a register entry from a JSON object strictly; every problem is named by its field path.</summary>
public static partial class SubProcessorFields
{
    public static SubProcessor? Read(JsonFields fields, IReadOnlySet<string> knownProducts)
    {
        var id = fields.Id("id", required: true);
        var name = fields.Line("name", required: true, maxLength: 200);
        var legalEntity = fields.Line("legalEntity", required: true, maxLength: 300);
        var website = fields.Line("website", required: true, maxLength: 500);
        if (website is not null && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            fields.Errors.Add(fields.PathOf("website"), "must be an absolute https URL.");
        var purpose = fields.String("purpose", required: true, maxLength: 1000);
        var categories = fields.Array("dataCategories", required: true, 1, 30, (e, path) => Text(fields, e, path, 100));
        var locations = fields.Array("locations", required: true, 1, 50, (e, path) =>
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.String && Countries.IsAssigned(e.GetString()!)) return e.GetString();
            fields.Errors.Add(path, "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. IE or US.");
            return null;
        });
        var transferFields = fields.Object("transfer", required: false);
        TransferSafeguard? transfer = null;
        if (transferFields is not null)
        {
            var mechanism = transferFields.OneOf("mechanism", required: true, TransferSafeguard.Mechanisms);
            var reference = transferFields.Line("reference", required: true, maxLength: 500);
            transferFields.RejectUnknown();
            if (mechanism is not null && reference is not null) transfer = new TransferSafeguard(mechanism, reference.Trim());
        }
        var products = fields.IdArray("products", required: false, 0, 50) ?? [];
        for (var i = 0; i < products.Count; i++)
            if (!knownProducts.Contains(products[i]))
                fields.Errors.Add($"{fields.PathOf("products")}[{i}]", "is not a product of this processor (see Products:* settings).");
        var sinceText = fields.String("since", required: false, maxLength: 10, DatePattern(), "must be a date such as 2026-01-31.");
        DateOnly? since = null;
        if (sinceText is not null)
        {
            if (DateOnly.TryParseExact(sinceText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) since = date;
            else fields.Errors.Add(fields.PathOf("since"), "must be a date such as 2026-01-31.");
        }
        fields.RejectUnknown();

        if (locations is not null && locations.Distinct(StringComparer.Ordinal).Count() != locations.Count)
            fields.Errors.Add(fields.PathOf("locations"), "must not repeat a country.");
        // GDPR Chapter V: personal data leaves the EEA only under a safeguard.
        if (locations is not null && transfer is null && transferFields is null && locations.Any(l => !Countries.IsEea(l)))
            fields.Errors.Add(fields.PathOf("transfer"), $"is required: {string.Join(", ", locations.Where(l => !Countries.IsEea(l)))} is outside the EEA, so a transfer mechanism (adequacy, scc or bcr) with its reference must be given.");

        if (id is null || name is null || legalEntity is null || website is null || purpose is null || categories is null || locations is null)
            return null;
        return new SubProcessor(id, name.Trim(), legalEntity.Trim(), website, purpose.Trim(),
            categories.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToArray(), locations.ToArray(), transfer,
            products.Distinct(StringComparer.Ordinal).ToArray(), since);
    }

    private static string? Text(JsonFields fields, System.Text.Json.JsonElement e, string path, int max)
    {
        if (e.ValueKind == System.Text.Json.JsonValueKind.String && e.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            && text.Length <= max && !text.Any(char.IsControl))
            return text;
        fields.Errors.Add(path, $"must be a single line of 1–{max} characters.");
        return null;
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex DatePattern();
}
