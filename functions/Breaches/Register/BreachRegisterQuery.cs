using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Breaches;

/// <summary>The register's list query, validated: every bad parameter is named.</summary>
public sealed record BreachListQuery(BreachStatus? Status, DateTimeOffset? From, DateTimeOffset? To, int PageSize, string? StoreContinuation, string Scope)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static (BreachListQuery? Query, ValidationErrors Errors) Parse(IQueryCollection collection)
    {
        var query = new QueryParameters(collection, new ValidationErrors()).Allow("status", "from", "to", "pageSize", "continuationToken");
        BreachStatus? status = null;
        if (query.Single("status") is { } statusText)
        {
            if (BreachWire.Statuses.TryParse(statusText, out var parsed)) status = parsed;
            else query.Errors.Add("status", $"must be one of: {string.Join(", ", BreachWire.Statuses.All)}.");
        }
        var (from, to) = BreachRegisterInstants.Period(query, required: false);
        var pageSize = query.PageSize(DefaultPageSize, MaxPageSize);
        // The token belongs to the query that produced it: the same status and period (as instants), whatever the page size.
        var scope = $"breaches:{status?.ToWire() ?? "all"}:{Instant(from)}:{Instant(to)}";
        var continuation = query.Continuation(scope);
        return query.Errors.IsEmpty ? (new BreachListQuery(status, from, to, pageSize, continuation, scope), query.Errors) : (null, query.Errors);

        static string Instant(DateTimeOffset? at) => at is { } a ? AuditEntry.FormatInstant(a) : "";
    }
}

/// <summary>The register's export query: the period (both ends required) and the format.</summary>
public sealed record BreachExportQuery(DateTimeOffset From, DateTimeOffset To, string Format)
{
    public static (BreachExportQuery? Query, ValidationErrors Errors) Parse(IQueryCollection collection)
    {
        var query = new QueryParameters(collection, new ValidationErrors()).Allow("from", "to", "format");
        var (from, to) = BreachRegisterInstants.Period(query, required: true);
        var format = query.Single("format") ?? "json";
        if (format is not ("json" or "csv")) query.Errors.Add("format", "must be json or csv.");
        return query.Errors.IsEmpty ? (new BreachExportQuery(from!.Value, to!.Value, format), query.Errors) : (null, query.Errors);
    }
}

public static partial class BreachRegisterInstants
{
    /// <summary><c>from</c> and <c>to</c> as RFC 3339 instants with an offset, <c>from</c> before <c>to</c>.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) Period(QueryParameters query, bool required)
    {
        var from = Instant(query, "from", required);
        var to = Instant(query, "to", required);
        if (from is { } f && to is { } t && f >= t) query.Errors.Add("to", "must be later than from.");
        return (from, to);
    }

    private static DateTimeOffset? Instant(QueryParameters query, string name, bool required)
    {
        var text = query.Single(name);
        if (text is null)
        {
            // Single has named a repeated or empty parameter already; only a missing one is left to report.
            if (required && !query.Errors.Fields.Contains(name)) query.Errors.Add(name, "is required: an RFC 3339 date-time with an offset, e.g. 2026-01-31T09:30:00Z.");
            return null;
        }
        if (text.Length <= 40 && InstantPattern().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant;
        query.Errors.Add(name, "must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T09:30:00Z.");
        return null;
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.IgnoreCase)]
    private static partial Regex InstantPattern();
}
