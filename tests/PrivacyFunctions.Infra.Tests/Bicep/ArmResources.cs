using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PrivacyFunctions.Infra.Tests.Bicep;

/// <summary>One resource of a template, with its values resolved as far as the template alone allows.</summary>
public sealed class ArmResource(JsonObject body, TemplateScope? scope)
{
    public JsonObject Body { get; } = body;

    public string Type => Body["type"]!.GetValue<string>();

    public string Name => AsString(Resolve(Body["name"])) ?? "";

    /// <summary>The value at a dotted path (e.g. <c>properties.siteConfig.minTlsVersion</c>), expressions resolved where possible.</summary>
    public JsonNode? Value(string path)
    {
        JsonNode? node = Body;
        foreach (var step in path.Split('.'))
        {
            node = Resolve(node);
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(step, out node)) return null;
        }
        return Resolve(node);
    }

    public string? Text(string path) => AsString(Value(path));

    /// <summary>The value at a dotted path exactly as written in the template (no resolution).</summary>
    public string? RawText(string path)
    {
        JsonNode? node = Body;
        foreach (var step in path.Split('.')) node = (node as JsonObject)?[step];
        return AsString(node);
    }

    public bool? Flag(string path) => Value(path) is JsonValue v && v.TryGetValue(out bool b) ? b : null;

    private JsonNode? Resolve(JsonNode? node) => scope is null ? node : scope.Resolve(node);

    private static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}

/// <summary>
/// A (possibly nested) template and the parameter values its deployment passes in. Resolves
/// <c>[parameters('x')]</c> and <c>[variables('x')]</c> to literals, and substitutes literal string
/// parameters and variables inside larger expressions — enough to read the values this repository's
/// promises depend on, which the Bicep keeps literal on purpose.
/// </summary>
public sealed partial class TemplateScope(JsonObject template, JsonObject? passedParameters, TemplateScope? parent)
{
    public JsonObject Template { get; } = template;

    public JsonNode? Resolve(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue(out string? text) || !IsExpression(text)) return node;
        var inner = text[1..^1].Trim();
        var whole = WholeReference().Match(inner);
        if (whole.Success)
        {
            var resolved = whole.Groups["kind"].Value == "parameters" ? Parameter(whole.Groups["name"].Value) : Variable(whole.Groups["name"].Value);
            return resolved ?? node;
        }
        var substituted = EmbeddedReference().Replace(inner, m =>
        {
            var resolved = m.Groups["kind"].Value == "parameters" ? Parameter(m.Groups["name"].Value) : Variable(m.Groups["name"].Value);
            return resolved is JsonValue v && v.TryGetValue(out string? s) && !IsExpression(s) ? $"'{s.Replace("'", "''", StringComparison.Ordinal)}'" : m.Value;
        });
        return JsonValue.Create($"[{substituted}]");
    }

    private JsonNode? Parameter(string name)
    {
        if (passedParameters is not null && passedParameters[name] is JsonObject passed)
            return passed["value"] is { } v ? (parent?.Resolve(v.DeepClone()) ?? v.DeepClone()) : null;
        var declared = Template["parameters"]?[name]?["defaultValue"];
        return declared is null ? null : Resolve(declared.DeepClone());
    }

    private JsonNode? Variable(string name)
    {
        var declared = Template["variables"]?[name];
        return declared is null ? null : Resolve(declared.DeepClone());
    }

    private static bool IsExpression(string text) =>
        text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal) && text.EndsWith(']');

    [GeneratedRegex(@"^(?<kind>parameters|variables)\('(?<name>[^']+)'\)$")]
    private static partial Regex WholeReference();

    [GeneratedRegex(@"(?<kind>parameters|variables)\('(?<name>[^']+)'\)(?!\s*[\.\[])")]
    private static partial Regex EmbeddedReference();
}

/// <summary>Every resource of a template: the nested deployments (Bicep modules) and the resources inside them.</summary>
public sealed class ArmResources(string source, IReadOnlyList<ArmResource> all)
{
    public string Source { get; } = source;

    public IReadOnlyList<ArmResource> All { get; } = all;

    public IEnumerable<ArmResource> OfType(string type) =>
        All.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Source;

    /// <summary>The compiled template: valid for every parameter value, expressions resolved only where literal.</summary>
    public static ArmResources FromCompiled(JsonObject template)
    {
        var all = new List<ArmResource>();
        Walk(new TemplateScope(template, null, null), all);
        return new ArmResources("compiled template", all);
    }

    /// <summary>The snapshot: the template evaluated with the dev parameters.</summary>
    public static ArmResources FromSnapshot(JsonObject snapshot) =>
        new("dev snapshot", snapshot["predictedResources"]!.AsArray().Select(r => new ArmResource(r!.AsObject(), null)).ToList());

    private static void Walk(TemplateScope scope, List<ArmResource> into)
    {
        IEnumerable<JsonNode?> resources = scope.Template["resources"] switch
        {
            JsonObject bySymbolicName => bySymbolicName.Select(p => p.Value),
            JsonArray list => list,
            _ => [],
        };
        foreach (var node in resources)
        {
            if (node is not JsonObject resource || resource["existing"]?.GetValue<bool>() == true) continue;
            into.Add(new ArmResource(resource, scope));
            if (resource["type"]?.GetValue<string>() == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                Walk(new TemplateScope(nested, resource["properties"]?["parameters"] as JsonObject, scope), into);
            }
        }
    }
}
