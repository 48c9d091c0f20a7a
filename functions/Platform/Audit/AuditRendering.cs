using System.Text;
using System.Text.Json;

namespace PrivacyFunctions.Platform.Audit;

/// <summary>Renders an <see cref="AuditExport"/> as JSON (with the verification) or as RFC 4180 CSV.</summary>
public static class AuditRendering
{
    public const string CsvHeader = "aggregateType,aggregateId,sequence,at,action,actor,data,previousHash,hash";

    public static string ToJson(AuditExport export)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("aggregateType", export.AggregateType);
            json.WriteString("aggregateId", export.AggregateId);
            WriteInstantOrNull(json, "from", export.From);
            WriteInstantOrNull(json, "to", export.To);
            json.WriteStartObject("verification");
            json.WriteBoolean("valid", export.Verification.IsValid);
            json.WriteNumber("entries", export.Verification.EntryCount);
            if (export.Verification.BrokenAtSequence is { } broken) json.WriteNumber("brokenAtSequence", broken);
            else json.WriteNull("brokenAtSequence");
            json.WriteString("reason", export.Verification.Reason);
            json.WriteEndObject();
            json.WriteStartArray("entries");
            foreach (var entry in export.Entries)
            {
                json.WriteStartObject();
                json.WriteNumber("sequence", entry.Sequence);
                json.WriteString("at", AuditEntry.FormatInstant(entry.At));
                json.WriteString("action", entry.Action);
                json.WriteString("actor", entry.Actor);
                json.WritePropertyName("data");
                // Data is stored as JSON text; an entry edited into invalid JSON is shown as a string, not dropped.
                if (IsJsonObject(entry.Data)) json.WriteRawValue(entry.Data);
                else json.WriteStringValue(entry.Data);
                json.WriteString("previousHash", entry.PreviousHash);
                json.WriteString("hash", entry.Hash);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string ToCsv(AuditExport export)
    {
        var csv = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var e in export.Entries)
        {
            string[] fields = [e.AggregateType, e.AggregateId, e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                AuditEntry.FormatInstant(e.At), e.Action, e.Actor, e.Data, e.PreviousHash, e.Hash];
            csv.AppendJoin(',', fields.Select(CsvField)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>RFC 4180: a field with a comma, quote, CR or LF (or edge spaces) is quoted, quotes doubled.</summary>
    public static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private static void WriteInstantOrNull(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } at) json.WriteString(name, AuditEntry.FormatInstant(at));
        else json.WriteNull(name);
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
