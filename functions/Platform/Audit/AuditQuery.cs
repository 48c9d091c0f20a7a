using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Audit;

/// <summary>The route and query of an audit export request, validated: each bad parameter is named.</summary>
public sealed partial record AuditQuery(string AggregateType, string AggregateId, string Format, DateTimeOffset? From, DateTimeOffset? To)
{
    public static (AuditQuery? Query, ValidationErrors Errors) Parse(string aggregateType, string aggregateId, IQueryCollection query)
    {
        var errors = new ValidationErrors();
        if (!AuditTrail.IsValidAggregateType(aggregateType))
            errors.Add("aggregateType", "must be 1–40 lowercase letters, digits, '.' or '-', starting with a letter.");
        if (!AuditTrail.IsValidAggregateId(aggregateId))
            errors.Add("aggregateId", "must be 1–128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");

        var format = Single(query, "format", errors) ?? "json";
        if (format is not ("json" or "csv")) errors.Add("format", "must be json or csv.");
        var from = Instant(query, "from", errors);
        var to = Instant(query, "to", errors);
        if (from is not null && to is not null && from >= to) errors.Add("to", "must be later than from.");

        return errors.IsEmpty ? (new AuditQuery(aggregateType, aggregateId, format, from, to), errors) : (null, errors);
    }

    private static string? Single(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count != 1 || string.IsNullOrEmpty(values[0])) { errors.Add(name, "must be given once, with a value."); return null; }
        return values[0];
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name, ValidationErrors errors)
    {
        var text = Single(query, name, errors);
        if (text is null) return null;
        if (InstantPattern().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant;
        errors.Add(name, "must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T09:30:00Z.");
        return null;
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.IgnoreCase)]
    private static partial Regex InstantPattern();
}
