using System.Text.Json;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Breaches;

/// <summary>The bodies of the breach endpoints, read strictly: every problem is named by its field, nothing unknown passes.</summary>
public static class BreachRequests
{
    public const int MaxText = 4000;

    public sealed record Report(string ProductId, string ExternalId, BreachFacts Facts, IReadOnlyList<string> Customers);

    public sealed record Open(string? ExternalId, DateTimeOffset? AwareAt, BreachFacts Facts);

    public static (Report? Report, ValidationErrors Errors) ParseReport(JsonElement body, DateTimeOffset now, TimeSpan skew)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var productId = fields.Id("productId", required: true);
        var externalId = fields.String("externalId", required: true, maxLength: 200, JsonFields.IdPattern(), "must be 1–64 characters of letters, digits, '.', '_' or '-'.");
        var customers = fields.IdArray("customers", required: false, 0, 1000) ?? [];
        var facts = ReadFacts(fields, now, skew);
        fields.RejectUnknown();
        return errors.IsEmpty ? (new Report(productId!, externalId!, facts!, customers.Distinct(StringComparer.Ordinal).ToArray()), errors) : (null, errors);
    }

    public static (Open? Open, ValidationErrors Errors) ParseOpen(JsonElement body, DateTimeOffset now, TimeSpan skew)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var externalId = fields.Id("externalId", required: false);
        var awareAt = fields.Instant("awareAt", required: false);
        if (awareAt is { } aware && aware > now + skew) errors.Add("awareAt", "must not be in the future.");
        var facts = ReadFacts(fields, now, skew);
        fields.RejectUnknown();
        if (facts is not null && awareAt is { } a && a < facts.DetectedAt) errors.Add("awareAt", "must not be before detectedAt.");
        return errors.IsEmpty ? (new Open(externalId, awareAt?.ToUniversalTime(), facts!), errors) : (null, errors);
    }

    /// <summary>The facts of a new breach: <c>title</c> and <c>detectedAt</c> are required, every Art. 33(3) element may come later.</summary>
    private static BreachFacts? ReadFacts(JsonFields fields, DateTimeOffset now, TimeSpan skew)
    {
        var title = fields.Line("title", required: true, maxLength: 200);
        var detectedAt = fields.Instant("detectedAt", required: true);
        if (detectedAt is { } detected && detected > now + skew) fields.Errors.Add("detectedAt", "must not be in the future.");
        var facts = new BreachFacts(title?.Trim() ?? "", detectedAt?.ToUniversalTime() ?? default);
        facts = ReadElements(fields, facts);
        return title is null || detectedAt is null ? null : facts;
    }

    private static readonly string[] Elements =
        ["nature", "dataSubjectCategories", "dataSubjectsApprox", "recordCategories", "recordsApprox", "contactPoint", "likelyConsequences", "measures", "systems", "products"];

    /// <summary>Reads the optional elements that are present (a null in a merge patch clears one).</summary>
    private static BreachFacts ReadElements(JsonFields fields, BreachFacts facts) => facts with
    {
        Nature = fields.String("nature", required: false, MaxText) ?? facts.Nature,
        DataSubjectCategories = Lines(fields, "dataSubjectCategories") ?? facts.DataSubjectCategories,
        DataSubjectsApprox = Count(fields, "dataSubjectsApprox") ?? facts.DataSubjectsApprox,
        RecordCategories = Lines(fields, "recordCategories") ?? facts.RecordCategories,
        RecordsApprox = Count(fields, "recordsApprox") ?? facts.RecordsApprox,
        ContactPoint = fields.Line("contactPoint", required: false, 500) ?? facts.ContactPoint,
        LikelyConsequences = fields.String("likelyConsequences", required: false, MaxText) ?? facts.LikelyConsequences,
        Measures = fields.String("measures", required: false, MaxText) ?? facts.Measures,
        Systems = Lines(fields, "systems") ?? facts.Systems,
        Products = fields.IdArray("products", required: false, 0, 50) ?? facts.Products,
    };

    /// <summary>
    /// Applies a JSON merge patch (RFC 7396) to the facts: a member replaces the element, <c>null</c> removes it (only
    /// the Art. 33(3) elements may be removed — <c>title</c> and <c>detectedAt</c> are always known), unknown members are refused.
    /// </summary>
    public static (BreachFacts? Facts, ValidationErrors Errors) ApplyPatch(BreachFacts facts, JsonElement patch, DateTimeOffset now, TimeSpan skew)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(patch, errors);
        var patched = facts;
        foreach (var member in patch.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Null))
            patched = member.Name switch
            {
                "title" or "detectedAt" => Fail(errors, member.Name, patched, "is always known and cannot be removed."),
                "nature" => patched with { Nature = null },
                "dataSubjectCategories" => patched with { DataSubjectCategories = null },
                "dataSubjectsApprox" => patched with { DataSubjectsApprox = null },
                "recordCategories" => patched with { RecordCategories = null },
                "recordsApprox" => patched with { RecordsApprox = null },
                "contactPoint" => patched with { ContactPoint = null },
                "likelyConsequences" => patched with { LikelyConsequences = null },
                "measures" => patched with { Measures = null },
                "systems" => patched with { Systems = null },
                "products" => patched with { Products = null },
                _ => patched,
            };
        var title = fields.Line("title", required: false, 200);
        var detectedAt = fields.Instant("detectedAt", required: false);
        if (detectedAt is { } detected && detected > now + skew) errors.Add("detectedAt", "must not be in the future.");
        patched = ReadElements(fields, patched with { Title = title?.Trim() ?? patched.Title, DetectedAt = detectedAt?.ToUniversalTime() ?? patched.DetectedAt });
        fields.RejectUnknown();
        if (!patch.EnumerateObject().Any()) errors.Add("body", "must name at least one fact to change.");
        return errors.IsEmpty ? (patched, errors) : (null, errors);
    }

    public static (Assessment? Assessment, ValidationErrors Errors) ParseAssessment(JsonElement body, DateTimeOffset now, IReadOnlySet<string> knownProducts)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var outcome = fields.OneOf("outcome", required: true, "notifiable", "notNotifiable");
        var reason = fields.String("reason", required: outcome == "notNotifiable", MaxText);
        var scopeFields = fields.Object("affected", required: outcome == "notifiable");
        AffectedScope? scope = null;
        if (scopeFields is not null)
        {
            var kind = scopeFields.OneOf("kind", required: true, AffectedScope.List, AffectedScope.OfProducts, AffectedScope.All);
            var customers = scopeFields.IdArray("customers", required: kind == AffectedScope.List, 1, 10_000) ?? [];
            var products = scopeFields.IdArray("products", required: kind == AffectedScope.OfProducts, 1, 50) ?? [];
            scopeFields.RejectUnknown();
            for (var i = 0; i < products.Count; i++)
                if (!knownProducts.Contains(products[i])) errors.Add($"affected.products[{i}]", "is not a product of this processor.");
            if (kind != AffectedScope.List && customers.Count > 0) errors.Add("affected.customers", "is only for kind 'customers'.");
            if (kind != AffectedScope.OfProducts && products.Count > 0) errors.Add("affected.products", "is only for kind 'products'.");
            if (kind is not null) scope = new AffectedScope(kind, customers.Distinct(StringComparer.Ordinal).ToArray(), products.Distinct(StringComparer.Ordinal).ToArray());
        }
        if (outcome == "notNotifiable" && scopeFields is not null) errors.Add("affected", "is only for a notifiable breach.");
        fields.RejectUnknown();
        return errors.IsEmpty ? (new Assessment(outcome == "notifiable", reason?.Trim(), scope, now), errors) : (null, errors);
    }

    /// <summary>A body with one required free-text field (an update's text, a closure's summary, a phased flag).</summary>
    public static (string? Text, bool Phased, ValidationErrors Errors) ParseText(JsonElement body, string name, bool allowPhased = false)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var text = name.Length == 0 ? null : fields.String(name, required: true, MaxText);
        var phased = allowPhased && fields.Boolean("phased", required: false) == true;
        fields.RejectUnknown();
        return (errors.IsEmpty ? text?.Trim() : null, phased, errors);
    }

    private static IReadOnlyList<string>? Lines(JsonFields fields, string name) =>
        fields.Array(name, required: false, 1, 50, (e, path) =>
        {
            if (e.ValueKind == JsonValueKind.String && e.GetString() is { } text && !string.IsNullOrWhiteSpace(text) && text.Length <= 200 && !text.Any(char.IsControl))
                return text.Trim();
            fields.Errors.Add(path, "must be a single line of 1–200 characters.");
            return null;
        });

    private static int? Count(JsonFields fields, string name) => fields.WholeNumber(name, required: false, 0, 2_000_000_000);

    private static BreachFacts Fail(ValidationErrors errors, string field, BreachFacts facts, string message)
    {
        errors.Add(field, message);
        return facts;
    }
}
