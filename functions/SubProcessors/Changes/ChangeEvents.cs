using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Events;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// The integration events of the capability, with ids derived from the business fact (a repeat is dropped by the
/// topic's duplicate detection). Data is ids, dates and register fields — never a contact address or objection text.
/// </summary>
public static class ChangeEvents
{
    public const string Announced = "subprocessor.change-announced";
    public const string Withdrawn = "subprocessor.change-withdrawn";
    public const string Effective = "subprocessor.change-effective";
    public const string CustomerReleased = "subprocessor.customer-released";
    public const string ObjectionReceived = "subprocessor.objection-received";
    public const string ObjectionResolved = "subprocessor.objection-resolved";

    public static PublishEvent ChangeAnnounced(SubProcessorChange c, DateTimeOffset at) => Of(Announced, c.ChangeId, c.ChangeId, at, ChangeData(c), null);

    public static PublishEvent ChangeWithdrawn(SubProcessorChange c, DateTimeOffset at)
    {
        var data = ChangeData(c);
        data["withdrawnAt"] = at;
        return Of(Withdrawn, c.ChangeId, c.ChangeId, at, data, null);
    }

    /// <summary>One per affected product, naming the product's customers that are held (their data kept away from the sub-processor).</summary>
    public static PublishEvent ChangeEffective(SubProcessorChange c, string productId, IEnumerable<string> heldCustomers, DateTimeOffset at)
    {
        var data = ChangeData(c);
        data["effectiveSince"] = at;
        data["heldCustomers"] = new JsonArray(heldCustomers.Select(h => (JsonNode)h).ToArray());
        return Of(Effective, $"{c.ChangeId}.{productId}", c.ChangeId, at, data, productId);
    }

    public static PublishEvent Released(SubProcessorChange c, string customerId, string productId, DateTimeOffset at, string because) =>
        Of(CustomerReleased, $"{c.ChangeId}.{customerId}.{productId}", c.ChangeId, at, new JsonObject
        {
            ["changeId"] = c.ChangeId, ["subProcessorId"] = c.Subject.Id, ["customerId"] = customerId, ["because"] = because,
        }, productId);

    public static PublishEvent ObjectionReceivedOf(Objection o, DateTimeOffset at) =>
        Of(ObjectionReceived, o.ObjectionId, o.ChangeId, at, ObjectionData(o), null);

    public static PublishEvent ObjectionResolvedOf(Objection o, DateTimeOffset at) =>
        Of(ObjectionResolved, o.ObjectionId, o.ChangeId, at, ObjectionData(o), null);

    private static JsonObject ObjectionData(Objection o) => new()
    {
        ["objectionId"] = o.ObjectionId, ["changeId"] = o.ChangeId, ["customerId"] = o.CustomerId,
        ["status"] = o.Status.ToWire(), ["receivedAt"] = o.ReceivedAt, ["resolvedAt"] = o.ResolvedAt,
    };

    private static JsonObject ChangeData(SubProcessorChange c) => new()
    {
        ["changeId"] = c.ChangeId,
        ["action"] = c.Action.ToWire(),
        ["subProcessorId"] = c.Subject.Id,
        ["name"] = c.Subject.Name,
        ["replaces"] = c.Action == ChangeAction.Replace ? c.Previous!.Id : null,
        ["effectiveAt"] = c.EffectiveAt,
        ["products"] = new JsonArray(c.Products.Select(p => (JsonNode)p).ToArray()),
    };

    private static PublishEvent Of(string type, string factId, string changeId, DateTimeOffset at, JsonObject data, string? productId) =>
        new(new IntegrationEvent($"{type}.{factId}", type, $"subprocessors/changes/{changeId}", at, data, productId));
}
