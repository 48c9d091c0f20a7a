using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace PrivacyFunctions.Platform.Links;

/// <summary>
/// A link page's POST body: an HTML form (<c>application/x-www-form-urlencoded</c>, UTF-8) or a JSON object.
/// The form's <c>token</c> field is the gate's credential and is never among <see cref="Form"/>.
/// </summary>
public sealed record LinkPageBody
{
    private LinkPageBody() { }

    public bool IsForm { get; private init; }

    /// <summary>The form's fields (repeated fields keep every value), when <see cref="IsForm"/>.</summary>
    public IReadOnlyDictionary<string, StringValues> Form { get; private init; } = new Dictionary<string, StringValues>();

    /// <summary>The JSON object, when not <see cref="IsForm"/>.</summary>
    public JsonElement Json { get; private init; }

    public static LinkPageBody OfForm(IReadOnlyDictionary<string, StringValues> fields) => new() { IsForm = true, Form = fields };

    public static LinkPageBody OfJson(JsonElement root) => new() { Json = root };
}
