namespace PrivacyFunctions.Platform.Http;

/// <summary>
/// The exact, case-sensitive JSON names of an enum's values, in one table per enum so that parsing,
/// writing and the validation message (<see cref="All"/>) never disagree.
/// </summary>
public sealed class WireNames<T> where T : struct, Enum
{
    private readonly Dictionary<T, string> _names;
    private readonly Dictionary<string, T> _values;

    public WireNames(params (T Value, string Name)[] pairs)
    {
        _names = pairs.ToDictionary(p => p.Value, p => p.Name);
        _values = pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var missing = Enum.GetValues<T>().Where(v => !_names.ContainsKey(v)).ToArray();
        if (missing.Length > 0)
            throw new InvalidOperationException($"{typeof(T).Name} has no wire name for: {string.Join(", ", missing)}.");
        All = pairs.Select(p => p.Name).ToArray();
    }

    /// <summary>Every wire name, in declaration order (pass to <c>JsonFields.OneOf</c>).</summary>
    public string[] All { get; }

    public string Of(T value) => _names[value];

    public bool TryParse(string? name, out T value)
    {
        value = default;
        return name is not null && _values.TryGetValue(name, out value);
    }

    public T Parse(string name) =>
        TryParse(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(T).Name}; expected one of: {string.Join(", ", All)}.");
}
