using System.Text.Json;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Retention;

/// <summary>The bodies of the retention endpoints, read strictly: every problem is named by its field.</summary>
public static class RetentionRequests
{
    public sealed record Termination(DateTimeOffset EndsAt, IReadOnlyList<string>? Products);

    public sealed record ProductTermination(string ProductId, string CustomerId, DateTimeOffset EndsAt);

    public sealed record Confirmation(string DispositionId, string ProductId, int? Round, ProductConfirmation Content);

    public static (Termination?, ValidationErrors) ParseTermination(JsonElement body)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var endsAt = fields.Instant("endsAt", required: true);
        var products = fields.IdArray("products", required: false, 1, 50);
        fields.String("reason", required: false, 1000);
        fields.RejectUnknown();
        return errors.IsEmpty ? (new Termination(endsAt!.Value, products?.Distinct(StringComparer.Ordinal).ToArray()), errors) : (null, errors);
    }

    public static (ProductTermination?, ValidationErrors) ParseProductTermination(JsonElement body)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var productId = fields.Id("productId", required: true);
        var customerId = fields.Id("customerId", required: true);
        var endsAt = fields.Instant("endsAt", required: true);
        fields.RejectUnknown();
        return errors.IsEmpty ? (new ProductTermination(productId!, customerId!, endsAt!.Value), errors) : (null, errors);
    }

    public static (Confirmation?, ValidationErrors) ParseConfirmation(JsonElement body, DateTimeOffset now, TimeSpan skew)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var dispositionId = fields.String("dispositionId", required: true, 40, DispositionKind.IdPattern(), "must be a disposition id such as dsp-0123456789abcdef01234567.");
        var productId = fields.Id("productId", required: true);
        var round = fields.WholeNumber("round", required: false, 0, 999);
        var outcome = fields.OneOf("outcome", required: true, "deleted", "returned");
        var categories = fields.Array("categories", required: true, 1, 100, (e, path) => Count(e, path, errors));
        var kept = fields.Array("kept", required: false, 0, 100, (e, path) => Kept(e, path, errors)) ?? [];
        var completedAt = fields.Instant("completedAt", required: true);
        if (completedAt is { } done && done > now + skew) errors.Add("completedAt", "must not be in the future.");
        fields.RejectUnknown();
        return errors.IsEmpty
            ? (new Confirmation(dispositionId!, productId!, round, new ProductConfirmation(outcome!, categories!, kept, completedAt!.Value.ToUniversalTime(), now)), errors)
            : (null, errors);
    }

    public static (LegalHold?, ValidationErrors) ParseHold(string customerId, JsonElement body, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var basis = fields.OneOf("basis", required: true, LegalHold.Bases);
        var reference = fields.Line("reference", required: true, 500);
        var categories = fields.Array("categories", required: true, 1, 50, (e, path) => Line(e, path, errors));
        var products = fields.IdArray("products", required: false, 1, 50) ?? [];
        var until = fields.Instant("until", required: false);
        var reviewAt = fields.Instant("reviewAt", required: false);
        fields.RejectUnknown();
        if (until is { } u && u <= now) errors.Add("until", "must be in the future (a hold that has ended needs no placing).");
        if (reviewAt is { } r && r <= now) errors.Add("reviewAt", "must be in the future.");
        if (until is not null && reviewAt is not null) errors.Add("reviewAt", "is only for a hold without an end date (until).");
        if (!errors.IsEmpty) return (null, errors);
        var id = "hold-" + DispositionKind.Hash(string.Join("\n", customerId, basis, reference, string.Join(",", categories!), string.Join(",", products), until?.ToString("O"), reviewAt?.ToString("O")));
        return (new LegalHold(id, customerId, basis!, reference!.Trim(), categories!.Distinct(StringComparer.Ordinal).ToArray(), products.Distinct(StringComparer.Ordinal).ToArray(),
            until?.ToUniversalTime(), reviewAt?.ToUniversalTime(), now, HoldStatus.Active), errors);
    }

    private static string? Line(JsonElement e, string path, ValidationErrors errors)
    {
        if (e.ValueKind == JsonValueKind.String && e.GetString() is { } text && !string.IsNullOrWhiteSpace(text) && text.Length <= 100 && !text.Any(char.IsControl))
            return text.Trim();
        errors.Add(path, "must be a single line of 1–100 characters.");
        return null;
    }

    private static CategoryCount? Count(JsonElement e, string path, ValidationErrors errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add(path, "must be an object {category, count}."); return null; }
        var fields = new JsonFields(e, errors, path);
        var category = fields.Line("category", required: true, 100);
        var count = fields.WholeNumber("count", required: true, 0, int.MaxValue);
        fields.RejectUnknown();
        return category is null || count is null ? null : new CategoryCount(category.Trim(), count.Value);
    }

    private static KeptCategory? Kept(JsonElement e, string path, ValidationErrors errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add(path, "must be an object {category, holdId}."); return null; }
        var fields = new JsonFields(e, errors, path);
        var category = fields.Line("category", required: true, 100);
        var holdId = fields.String("holdId", required: true, 40, LegalHoldKind.IdPattern(), "must be a hold id such as hold-0123456789abcdef01234567.");
        fields.RejectUnknown();
        return category is null || holdId is null ? null : new KeptCategory(category.Trim(), holdId);
    }
}
