using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivacyFunctions.Retention;

/// <summary>
/// A deletion (or return) certificate (SCC 2021/915 cl. 10(d)) as canonical JSON — members in ordinal order, no
/// whitespace, instants in UTC to the second — and its digest, the SHA-256 of that text's UTF-8 bytes, which the public
/// verification endpoint confirms. Names the customer by id, never a contact.
/// </summary>
public static class CertificateDocument
{
    public static string IdFor(string dispositionId, int round) => $"{dispositionId}-c{round}";

    public static (string DispositionId, int Round)? Parse(string certificateId)
    {
        var at = certificateId.LastIndexOf("-c", StringComparison.Ordinal);
        return at > 0 && int.TryParse(certificateId[(at + 2)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var round)
               && DispositionKind.IdPattern().IsMatch(certificateId[..at]) && round is >= 0 and < 1000
            ? (certificateId[..at], round)
            : null;
    }

    public static Certificate Issue(Disposition d, int round, IReadOnlyDictionary<string, LegalHold> holds, DateTimeOffset issuedAt)
    {
        var id = IdFor(d.DispositionId, round);
        var previous = d.Certificates.LastOrDefault()?.CertificateId;
        var doc = new JsonObject
        {
            ["certificateId"] = id,
            ["choice"] = new JsonObject { ["byDefault"] = d.Choice!.ByDefault, ["chosenAt"] = Instant(d.Choice.ChosenAt), ["kind"] = d.Choice.Kind },
            ["customerId"] = d.CustomerId,
            ["dispositionId"] = d.DispositionId,
            ["issuedAt"] = Instant(issuedAt),
            ["products"] = new JsonArray(d.Commands.Where(c => c.Round == round).OrderBy(c => c.ProductId, StringComparer.Ordinal).Select(c => (JsonNode)new JsonObject
            {
                ["categories"] = new JsonArray(c.Confirmation!.Categories.OrderBy(x => x.Category, StringComparer.Ordinal)
                    .Select(x => (JsonNode)new JsonObject { ["category"] = x.Category, ["count"] = x.Count }).ToArray()),
                ["completedAt"] = Instant(c.Confirmation.CompletedAt),
                ["kept"] = new JsonArray(c.Confirmation.Kept.OrderBy(k => k.Category, StringComparer.Ordinal).Select(k => (JsonNode)new JsonObject
                {
                    ["basis"] = holds.GetValueOrDefault(k.HoldId)?.Basis,
                    ["category"] = k.Category,
                    ["holdId"] = k.HoldId,
                    ["until"] = holds.GetValueOrDefault(k.HoldId)?.Until is { } until ? Instant(until) : null,
                }).ToArray()),
                ["outcome"] = c.Confirmation.Outcome,
                ["productId"] = c.ProductId,
                ["scope"] = c.Categories is null ? "all" : string.Join(",", c.Categories),
            }).ToArray()),
            ["references"] = round == 0 ? null : previous,
            ["round"] = round,
        };
        var canonical = doc.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        return new Certificate(id, round, issuedAt, DigestOf(canonical), canonical);
    }

    public static string DigestOf(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
