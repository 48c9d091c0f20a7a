using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PrivacyFunctions.Platform.Http;

/// <summary>
/// Strict reading of a list's query string: unknown parameters are errors (a misspelt filter must not silently return
/// an unfiltered list; <c>code</c> is the function key), each parameter at most once and never empty, page sizes and
/// continuation tokens checked. Every problem is named by its parameter.
/// </summary>
public sealed class QueryParameters(IQueryCollection query, ValidationErrors errors)
{
    public ValidationErrors Errors => errors;

    public QueryParameters Allow(params string[] names)
    {
        foreach (var unknown in query.Keys.Where(k => k != "code" && !names.Contains(k)))
            errors.Add(unknown, $"is not a parameter of this resource ({string.Join(", ", names)}).");
        return this;
    }

    public string? Single(string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0) return null;
        if (values.Count > 1)
        {
            errors.Add(name, "must be given once.");
            return null;
        }
        if (string.IsNullOrEmpty(values[0]))
        {
            errors.Add(name, "must not be empty (leave the parameter out instead).");
            return null;
        }
        return values[0];
    }

    public int PageSize(int defaultSize, int max)
    {
        if (Single("pageSize") is not { } text) return defaultSize;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1 && size <= max) return size;
        errors.Add("pageSize", $"must be a whole number from 1 to {max}.");
        return defaultSize;
    }

    /// <summary>The store continuation inside <c>continuationToken</c>, checked against the list's <paramref name="scope"/>.</summary>
    public string? Continuation(string scope)
    {
        if (Single("continuationToken") is not { } text) return null;
        var store = ContinuationTokens.Decode(text, scope);
        if (store is null)
            errors.Add("continuationToken", "is not a continuation token of this list (pass the value from the previous page unchanged, with the same filters).");
        return store;
    }

    /// <summary>An offset continuation (for lists sorted in memory), checked against the list's <paramref name="scope"/>.</summary>
    public int Offset(string scope)
    {
        var store = Continuation(scope);
        if (store is null) return 0;
        if (int.TryParse(store, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)) return offset;
        errors.Add("continuationToken", "is not a continuation token of this list.");
        return 0;
    }

    public static string? OffsetToken(int next, int total, string scope) =>
        next < total ? ContinuationTokens.Encode(next.ToString(CultureInfo.InvariantCulture), scope) : null;
}
