using Azure.Data.Tables;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// A text column that may outgrow one property. The Table service holds at most 64 KiB (32K UTF-16 characters) in a
/// string property but 1 MiB in an entity, so a long text is written over numbered columns — <c>Document</c>,
/// <c>Document2</c>, <c>Document3</c>… — with their count in <c>DocumentParts</c> when there is more than one.
/// The count, not the columns present, decides what is read: a merge that shortens the text leaves the old parts
/// behind harmlessly.
/// </summary>
public static class LongTextColumn
{
    /// <summary>Characters per part: under the property limit with a margin.</summary>
    public const int PartChars = 30_000;

    /// <summary>The Table service's limit on one string property (64 KiB of UTF-16), with a margin.</summary>
    public const int MaxPropertyChars = 32_000;

    public static string PartsColumn(string column) => column + "Parts";

    /// <summary>Sets the text. Pass <paramref name="merging"/> for a merge update, which must also reset the count.</summary>
    public static void Set(TableEntity entity, string column, string text, bool merging = false)
    {
        var parts = Math.Max(1, (text.Length + PartChars - 1) / PartChars);
        for (var i = 0; i < parts; i++)
            entity[i == 0 ? column : column + (i + 1)] = text.Substring(i * PartChars, Math.Min(PartChars, text.Length - i * PartChars));
        if (parts > 1 || merging) entity[PartsColumn(column)] = parts;
    }

    /// <summary>The text, or null when the column was never written.</summary>
    public static string? Get(TableEntity entity, string column)
    {
        var first = entity.GetString(column);
        if (first is null || entity.GetInt32(PartsColumn(column)) is not (> 1 and var parts)) return first;
        return string.Concat(Enumerable.Range(1, parts).Select(i => i == 1 ? first : entity.GetString(column + i)
            ?? throw new InvalidOperationException($"Part {i} of {parts} of column {column} is missing.")));
    }
}
