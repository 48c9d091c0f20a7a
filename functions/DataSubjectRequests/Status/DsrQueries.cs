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

        var parameters = new QueryParameters(query, errors).Allow("status", "pageSize", "continuationToken");
        DsrStatus? status = null;
        if (parameters.Single("status") is { } statusText)
        {
            if (DsrStatuses.Wire.TryParse(statusText, out var parsed)) status = parsed;
            else errors.Add("status", $"must be one of: {string.Join(", ", DsrStatuses.Wire.All)}.");
        }
        var pageSize = parameters.PageSize(DefaultPageSize, MaxPageSize);
        var storeToken = parameters.Continuation(DsrQueries.ListScope(customerId, status));

        return errors.IsEmpty ? (new DsrListQuery(customerId, status, pageSize, storeToken), errors) : (null, errors);
    }
}

/// <summary>Reads requests for the DPO office: one request with its timeline, or a customer's requests page by page.</summary>
public sealed class DsrQueries(DsrStore store, CustomerDirectory customers, DsrCustomerCopies copies)
{
    public async Task<DsrQueryResult<DsrView>> GetAsync(string requestId, CancellationToken ct)
    {
        if (RequestIds.CustomerOf(requestId) is null)
            return new(DsrQueryOutcome.Invalid, null, new ValidationErrors().Add("requestId", "must be a request id as returned by POST /api/dsr ({customerId}:{20 characters a–z, 2–7})."));
        var stored = await store.FindAsync(requestId, ct);
        if (stored is null) return new(DsrQueryOutcome.NotFound, null);
        var customer = await copies.OfAsync(stored.Request, ct);
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
