using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivacyFunctions.Platform.Events;

/// <summary>
/// An integration event for products and downstream systems (docs/architecture.md). <paramref name="Id"/> is
/// deterministic — derived from the business fact (e.g. <c>dsr.forwarded.{requestId}</c>) — so that a
/// retried step publishes the same event and the topic's duplicate detection drops the copy.
/// <paramref name="ProductId"/> targets one product; null broadcasts to every product.
/// </summary>
public sealed record IntegrationEvent(string Id, string Type, string Subject, DateTimeOffset Time, JsonObject Data, string? ProductId = null);

/// <summary>The CloudEvents 1.0 structured JSON envelope (application/cloudevents+json).</summary>
public static class CloudEventEnvelope
{
    public const string ContentType = "application/cloudevents+json";
    public const string TypePrefix = "eu.privacyfunctions.";

    public static JsonObject Wrap(IntegrationEvent e, string source)
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = e.Id,
            ["source"] = source,
            ["type"] = TypePrefix + e.Type,
            ["subject"] = e.Subject,
            ["time"] = e.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["datacontenttype"] = "application/json",
            ["data"] = e.Data.DeepClone(),
        };
        if (e.ProductId is not null)
            envelope["productid"] = e.ProductId; // CloudEvents extension attribute: lowercase alphanumerics only
        return envelope;
    }

    public static string Serialize(IntegrationEvent e, string source) => Wrap(e, source).ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
