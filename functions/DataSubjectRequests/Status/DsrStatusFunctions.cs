using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>The DPO office's read API for data subject requests (function key; Entra ID in front in Azure).</summary>
public sealed class DsrStatusFunctions(DsrQueries queries)
{
    [Function("GetDsr")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "dsr/{requestId}")] HttpRequest request,
        string requestId, CancellationToken ct)
    {
        var result = await queries.GetAsync(requestId, ct);
        return result.Outcome switch
        {
            DsrQueryOutcome.Invalid => InvalidParameter(result.Errors!),
            DsrQueryOutcome.NotFound => Problems.NotFound($"Data subject request '{requestId}'"),
            _ => new OkObjectResult(result.Value),
        };
    }

    [Function("ListCustomerDsr")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{customerId}/dsr")] HttpRequest request,
        string customerId, CancellationToken ct)
    {
        var (query, errors) = DsrListQuery.Parse(customerId, request.Query);
        if (query is null) return InvalidParameter(errors);
        var result = await queries.ListAsync(query, ct);
        return result.Outcome switch
        {
            DsrQueryOutcome.Invalid => InvalidParameter(result.Errors!),
            DsrQueryOutcome.NotFound => Problems.NotFound($"Customer '{customerId}'"),
            _ => new OkObjectResult(result.Value),
        };
    }

    private static ObjectResult InvalidParameter(ValidationErrors errors) =>
        Problems.Of(ProblemKind.InvalidParameter, $"Invalid parameter(s): {string.Join(", ", errors.Fields)}.", errors.ToDictionary());
}
