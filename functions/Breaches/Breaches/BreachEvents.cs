using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Events;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// The integration events of breach alerts (products subscribe to help with containment). Ids derive from the fact;
/// data is ids, statuses, counts and dates — never a fact's text, a customer name or a contact.
/// </summary>
public static class BreachEvents
{
    public const string Reported = "breach.reported";
    public const string Assessed = "breach.assessed";
    public const string Notified = "breach.notified";
    public const string Updated = "breach.updated";
    public const string Acknowledged = "breach.acknowledged";
    public const string Escalated = "breach.escalated";
    public const string Closed = "breach.closed";

    public static PublishEvent Of(string type, Breach breach, string fact, DateTimeOffset at, JsonObject? extra = null)
    {
        var data = new JsonObject
        {
            ["breachId"] = breach.BreachId,
            ["status"] = breach.Status.ToWire(),
            ["awareAt"] = breach.AwareAt,
            ["products"] = new JsonArray((breach.Facts.Products ?? []).Select(p => (JsonNode)p).ToArray()),
        };
        foreach (var (name, value) in extra ?? []) data[name] = value?.DeepClone();
        return new PublishEvent(new IntegrationEvent($"{type}.{breach.BreachId}.{fact}", type, $"breaches/{breach.BreachId}", at, data));
    }
}
