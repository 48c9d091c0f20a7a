using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PrivacyFunctions.Platform.Http;

/// <summary>
/// Strict reading of one JSON object (docs/security.md): each accessor checks the type, range and syntax of one
/// field and records a message under the field's JSON path; unknown fields are errors too, so a typo in an
/// optional field is not silently ignored. Nothing is written unless <see cref="ValidationErrors.IsEmpty"/>.
/// </summary>
public sealed partial class JsonFields
{
    private readonly JsonElement _object;
    private readonly string _path;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public JsonFields(JsonElement obj, ValidationErrors errors, string path = "")
    {
        _object = obj;
        Errors = errors;
        _path = path;
    }

    public ValidationErrors Errors { get; }

    public string PathOf(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    public string? String(string name, bool required, int maxLength, Regex? pattern = null, string? patternHint = null)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) return Fail<string>(name, "must be a string.");
        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text)) return Fail<string>(name, "must not be empty.");
        if (text.Length > maxLength) return Fail<string>(name, $"must be at most {maxLength} characters.");
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            return Fail<string>(name, "must not contain control characters.");
        if (pattern is not null && !pattern.IsMatch(text)) return Fail<string>(name, patternHint ?? "has an invalid format.");
        return text;
    }

    /// <summary>A one-line text (names, subjects): no line breaks, tabs or other control characters.</summary>
    public string? Line(string name, bool required, int maxLength)
    {
        var text = String(name, required, maxLength);
        return text is not null && text.Any(char.IsControl) ? Fail<string>(name, "must be a single line (no line breaks or tabs).") : text;
    }

    public string? Id(string name, bool required) =>
        String(name, required, 64, IdPattern(), "must be 1–64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit.");

    public string? Email(string name, bool required)
    {
        var text = String(name, required, 254);
        if (text is null) return null;
        return EmailAddress.IsValid(text) ? text : Fail<string>(name, "must be an email address (name@domain).");
    }

    /// <summary>An array of <paramref name="min"/>..<paramref name="max"/> items, each read by <paramref name="item"/> at its indexed path.</summary>
    public IReadOnlyList<T>? Array<T>(string name, bool required, int min, int max, Func<JsonElement, string, T?> item) where T : class
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array) return Fail<IReadOnlyList<T>>(name, "must be an array.");
        var count = value.GetArrayLength();
        if (count < min || count > max) return Fail<IReadOnlyList<T>>(name, $"must have {min}–{max} items.");
        var items = new List<T>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var read = item(element, $"{PathOf(name)}[{index++}]");
            if (read is not null) items.Add(read);
        }
        return items.Count == count ? items : null;
    }

    public IReadOnlyList<string>? EmailArray(string name, bool required, int min, int max) =>
        Array(name, required, min, max, (element, path) =>
        {
            if (element.ValueKind == JsonValueKind.String && EmailAddress.IsValid(element.GetString()))
                return element.GetString();
            Errors.Add(path, "must be an email address (name@domain).");
            return null;
        });

    public IReadOnlyList<string>? IdArray(string name, bool required, int min, int max) =>
        Array(name, required, min, max, (element, path) =>
        {
            if (element.ValueKind == JsonValueKind.String && IdPattern().IsMatch(element.GetString()!))
                return element.GetString();
            Errors.Add(path, "must be 1–64 characters of letters, digits, '.', '_' or '-'.");
            return null;
        });

    /// <summary>One of <paramref name="allowed"/>, compared exactly (enums are case-sensitive on the wire).</summary>
    public string? OneOf(string name, bool required, params string[] allowed)
    {
        var text = String(name, required, 64);
        if (text is null) return null;
        return allowed.Contains(text, StringComparer.Ordinal) ? text : Fail<string>(name, $"must be one of: {string.Join(", ", allowed)}.");
    }

    /// <summary>An RFC 3339 instant with an explicit offset (a date-time without one is ambiguous for a legal clock).</summary>
    public DateTimeOffset? Instant(string name, bool required)
    {
        var text = String(name, required, 40);
        if (text is null) return null;
        if (!InstantPattern().IsMatch(text) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return FailStruct<DateTimeOffset>(name, "must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T09:30:00Z.");
        return instant;
    }

    public bool? Boolean(string name, bool required)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        return FailStruct<bool>(name, "must be true or false.");
    }

    /// <summary>A whole JSON number from <paramref name="min"/> to <paramref name="max"/> (no fraction, no string).</summary>
    public int? WholeNumber(string name, bool required, int min, int max)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max) return number;
        return FailStruct<int>(name, $"must be a whole number from {min} to {max}.");
    }

    public JsonFields? Object(string name, bool required)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object) return Fail<JsonFields>(name, "must be an object.");
        return new JsonFields(value, Errors, PathOf(name));
    }

    /// <summary>Reports every property that no accessor read.</summary>
    public void RejectUnknown()
    {
        foreach (var property in _object.EnumerateObject())
            if (!_read.Contains(property.Name))
                Errors.Add(PathOf(property.Name), "is not a known field.");
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        _read.Add(name);
        if (_object.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            return true;
        if (required) Errors.Add(PathOf(name), "is required.");
        return false;
    }

    private T? Fail<T>(string name, string message) where T : class
    {
        Errors.Add(PathOf(name), message);
        return null;
    }

    private T? FailStruct<T>(string name, string message) where T : struct
    {
        Errors.Add(PathOf(name), message);
        return null;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    public static partial Regex IdPattern();

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.IgnoreCase)]
    private static partial Regex InstantPattern();
}
