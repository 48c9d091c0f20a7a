using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Microsoft.AspNetCore.Http;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

public enum DsrQueryOutcome { Found, NotFound, Invalid }

public sealed record DsrQueryResult<T>(DsrQueryOutcome Outcome, T? Value, ValidationErrors? Errors = null) where T : class;

public sealed record DsrPage(IReadOnlyList<DsrSummaryView> Items, string? ContinuationToken);

/// <summary>The parsed query of <c>GET /api/customers/{customerId}/dsr</c>.</summary>
public sealed record DsrListQuery(string CustomerId, DsrStatus? Status, int PageSize, string? StoreContinuation)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static (DsrListQuery? Query, ValidationErrors Errors) Parse(string customerId, IQueryCollection query)
    {
        var errors = new ValidationErrors();
        if (!JsonFields.IdPattern().IsMatch(customerId))
            errors.Add("customerId", "must be 1–64 characters of letters, digits, '.', '_' or '-'.");

        // A misspelt parameter must not silently return an unfiltered list. `code` is the function key.
        foreach (var unknown in query.Keys.Where(k => k is not ("status" or "pageSize" or "continuationToken" or "code")))
            errors.Add(unknown, "is not a parameter of this list (status, pageSize, continuationToken).");

        DsrStatus? status = null;
        if (Single(query, "status", errors) is { } statusText)
        {
            if (DsrStatuses.Wire.TryParse(statusText, out var parsed)) status = parsed;
            else errors.Add("status", $"must be one of: {string.Join(", ", DsrStatuses.Wire.All)}.");
        }

        var pageSize = DefaultPageSize;
        if (Single(query, "pageSize", errors) is { } sizeText)
        {
            if (int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize)
                pageSize = size;
            else errors.Add("pageSize", $"must be a whole number from 1 to {MaxPageSize}.");
        }

        string? storeToken = null;
        if (Single(query, "continuationToken", errors) is { } tokenText)
        {
            storeToken = ContinuationTokens.Decode(tokenText, DsrQueries.ListScope(customerId, status));
            if (storeToken is null)
                errors.Add("continuationToken", "is not a continuation token of this list (pass the value from the previous page unchanged, with the same customer and status).");
        }

        return errors.IsEmpty ? (new DsrListQuery(customerId, status, pageSize, storeToken), errors) : (null, errors);

        static string? Single(IQueryCollection query, string name, ValidationErrors errors)
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
    }
}

/// <summary>Reads requests for the DPO office: one request with its timeline, or a customer's requests page by page.</summary>
public sealed class DsrQueries(DsrStore store, CustomerDirectory customers)
{
    public async Task<DsrQueryResult<DsrView>> GetAsync(string requestId, CancellationToken ct)
    {
        if (RequestIds.CustomerOf(requestId) is null)
            return new(DsrQueryOutcome.Invalid, null, new ValidationErrors().Add("requestId", "must be a request id as returned by POST /api/dsr ({customerId}:{20 characters a–z, 2–7})."));
        var stored = await store.FindAsync(requestId, ct);
        if (stored is null) return new(DsrQueryOutcome.NotFound, null);
        var customer = (await customers.GetAsync(stored.Request.CustomerId, ct))?.Customer;
        return new(DsrQueryOutcome.Found, DsrView.From(stored.Request, customer?.TimeZone));
    }

    public async Task<DsrQueryResult<DsrPage>> ListAsync(DsrListQuery query, CancellationToken ct)
    {
        var customer = (await customers.GetAsync(query.CustomerId, ct))?.Customer;
        if (customer is null) return new(DsrQueryOutcome.NotFound, null);
        IReadOnlyList<DataSubjectRequest> items;
        string? next;
        try
        {
            (items, next) = await store.ListAsync(query.CustomerId, query.Status, query.PageSize, query.StoreContinuation, ct);
        }
        catch (RequestFailedException e) when (e.Status == 400 && query.StoreContinuation is not null)
        {
            // A forged continuation that the service cannot use.
            return new(DsrQueryOutcome.Invalid, null, new ValidationErrors().Add("continuationToken", "is not a continuation token of this list."));
        }
        return new(DsrQueryOutcome.Found, new DsrPage(
            items.Select(r => DsrSummaryView.From(r, customer.TimeZone)).ToArray(),
            next is null ? null : ContinuationTokens.Encode(next, ListScope(query.CustomerId, query.Status))));
    }

    /// <summary>What a list continuation is bound to: the customer and the status filter it was made for.</summary>
    public static string ListScope(string customerId, DsrStatus? status) => $"{customerId}|{status?.ToWire()}";
}
