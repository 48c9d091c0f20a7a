using System.Globalization;

namespace PrivacyFunctions.SubProcessors;

/// <summary>The field-level difference between a register entry before and after a change (null = absent).</summary>
public static class ChangeDiff
{
    public static IReadOnlyList<FieldChange> Between(SubProcessor? before, SubProcessor? after) =>
        Fields(before).Zip(Fields(after), (b, a) => new FieldChange(b.Field, b.Value, a.Value))
            .Where(f => f.From != f.To).ToArray();

    private static IEnumerable<(string Field, string? Value)> Fields(SubProcessor? e) =>
    [
        ("id", e?.Id),
        ("name", e?.Name),
        ("legalEntity", e?.LegalEntity),
        ("website", e?.Website),
        ("purpose", e?.Purpose),
        ("dataCategories", e is null ? null : string.Join(", ", e.DataCategories)),
        ("locations", e is null ? null : string.Join(", ", e.Locations)),
        ("transfer", e?.Transfer is { } t ? $"{t.Mechanism}: {t.Reference}" : null),
        ("products", e is null ? null : string.Join(", ", e.Products)),
        ("since", e?.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ];
}
