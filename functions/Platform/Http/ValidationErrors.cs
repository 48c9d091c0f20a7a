namespace PrivacyFunctions.Platform.Http;

/// <summary>Field-level validation messages, keyed by JSON path (e.g. <c>contacts.dsr[0]</c>).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;
    public IEnumerable<string> Fields => _errors.Keys;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public string Summary() => "Invalid field(s): " + string.Join(", ", _errors.Keys) + ".";
}
