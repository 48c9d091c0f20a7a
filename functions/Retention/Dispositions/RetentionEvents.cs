using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Events;

namespace PrivacyFunctions.Retention;

/// <summary>
/// The integration events of the end of contract: commands to products carry the <c>productId</c> property. Ids derive
/// from the fact; a reminder of an unconfirmed command is a new event (<c>….reminder-{n}</c>) with the same data, so the
/// topic's duplicate detection does not drop it, and a product acts on it idempotently by <c>dispositionId</c> and <c>round</c>.
/// </summary>
public static class RetentionEvents
{
    public const string TerminationRecorded = "retention.termination-recorded";
    public const string DispositionChosen = "retention.disposition-chosen";
    public const string PurgeRequested = "retention.purge-requested";
    public const string ReturnRequested = "retention.return-requested";
    public const string ProductConfirmed = "retention.product-confirmed";
    public const string CertificateIssued = "retention.certificate-issued";
    public const string HoldPlaced = "retention.hold-placed";
    public const string HoldReleased = "retention.hold-released";

    public static PublishEvent Of(string type, string subject, string factId, DateTimeOffset at, JsonObject data, string? productId = null) =>
        new(new IntegrationEvent($"{type}.{factId}", type, subject, at, data, productId));

    public static PublishEvent Command(Disposition d, ProductCommand c, DateTimeOffset at, int reminder = 0)
    {
        var data = new JsonObject
        {
            ["dispositionId"] = d.DispositionId, ["customerId"] = d.CustomerId, ["round"] = c.Round,
            ["categories"] = c.Categories is null ? null : new JsonArray(c.Categories.Select(x => (JsonNode)x).ToArray()),
            ["keep"] = new JsonArray(c.Held.Select(h => (JsonNode)new JsonObject
            {
                ["holdId"] = h.HoldId, ["basis"] = h.Basis, ["categories"] = new JsonArray(h.Categories.Select(x => (JsonNode)x).ToArray()), ["until"] = h.Until,
            }).ToArray()),
            ["confirmTo"] = $"/api/retention/{d.DispositionId}/confirmations",
        };
        if (c.Kind == "return") { data["returnContact"] = d.Choice?.ReturnContact; data["returnFormat"] = d.Choice?.ReturnFormat; }
        var type = c.Kind == "return" ? ReturnRequested : PurgeRequested;
        var fact = $"{d.DispositionId}.{c.ProductId}.{c.Round}" + (reminder > 0 ? $".reminder-{reminder}" : "");
        return Of(type, $"retention/{d.DispositionId}", fact, at, data, c.ProductId);
    }
}
