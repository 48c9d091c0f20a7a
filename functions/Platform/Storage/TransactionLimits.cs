using System.Text.Json;
using Azure.Data.Tables;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// What one entity-group transaction can carry: a string property of 64 KiB, an entity of 1 MiB and a batch of 4 MiB
/// (Table service limits; UTF-16, so two bytes a character). Checked before anything is written, so an oversized
/// change is refused with a reason instead of failing half-way or with the store's bare 400.
/// </summary>
public static class TransactionLimits
{
    /// <summary>An entity's characters (names and values), with room under 1 MiB for keys, types and system columns.</summary>
    public const int MaxEntityChars = 480_000;

    /// <summary>A batch's characters, with room under 4 MiB for the multipart envelope.</summary>
    public const int MaxTransactionChars = 1_900_000;

    /// <summary>Null when the entities fit; otherwise which limit they break.</summary>
    public static string? Exceeded(IReadOnlyCollection<TableEntity> entities)
    {
        var total = 0L;
        foreach (var entity in entities)
        {
            var chars = 0L;
            foreach (var (name, value) in entity)
            {
                if (value is string text && text.Length > LongTextColumn.MaxPropertyChars)
                    return $"a field of {text.Length} characters (at most {LongTextColumn.MaxPropertyChars} in one column)";
                chars += name.Length + (value is string s ? s.Length : 8);
            }
            if (chars > MaxEntityChars) return $"a row of {chars} characters (at most {MaxEntityChars})";
            total += chars;
        }
        return total > MaxTransactionChars ? $"{total} characters in one transaction (at most {MaxTransactionChars})" : null;
    }

    /// <summary>
    /// The path of what makes a JSON document large: from the root, the largest member at each level while it is an
    /// object (e.g. <c>assessment.scope.customers</c>); null for a text that is not a JSON object.
    /// </summary>
    public static string? LargestMember(string json)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException) { return null; }
        using var _ = document;
        var path = new List<string>();
        var node = document.RootElement;
        while (node.ValueKind == JsonValueKind.Object)
        {
            var members = node.EnumerateObject().ToList();
            if (members.Count == 0) break;
            var largest = members.MaxBy(m => m.Value.GetRawText().Length);
            path.Add(largest.Name);
            node = largest.Value;
        }
        return path.Count == 0 ? null : string.Join('.', path);
    }
}
