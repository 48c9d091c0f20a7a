using System.Text.Json.Nodes;

namespace PrivacyFunctions.Infra.Tests.Bicep;

/// <summary>Breaks a copy of a template on purpose, to show that a promise check notices.</summary>
public static class TemplateMutation
{
    /// <summary>Sets <paramref name="path"/> (dotted) to <paramref name="value"/> on every resource of <paramref name="type"/>.</summary>
    public static JsonObject Set(JsonObject document, string type, string path, JsonNode value)
    {
        var copy = document.DeepClone().AsObject();
        var hits = 0;
        foreach (var resource in Resources(copy).Where(r => string.Equals(r["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase)))
        {
            var steps = path.Split('.');
            var target = resource;
            foreach (var step in steps[..^1])
            {
                if (target[step] is not JsonObject next) { next = []; target[step] = next; }
                target = next;
            }
            target[steps[^1]] = value.DeepClone();
            hits++;
        }
        if (hits == 0) throw new InvalidOperationException($"No {type} resource to mutate.");
        return copy;
    }

    private static IEnumerable<JsonObject> Resources(JsonObject document)
    {
        if (document["predictedResources"] is JsonArray predicted)
            return predicted.OfType<JsonObject>();
        IEnumerable<JsonNode?> own = document["resources"] switch
        {
            JsonObject bySymbolicName => bySymbolicName.Select(p => p.Value),
            JsonArray list => list,
            _ => [],
        };
        return own.OfType<JsonObject>().SelectMany(r =>
            (r["properties"] as JsonObject)?["template"] is JsonObject nested ? Resources(nested).Prepend(r) : [r]).ToList();
    }
}
