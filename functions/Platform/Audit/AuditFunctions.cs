using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Audit;

/// <summary>The DPO's export of one aggregate's audit trail, verified.</summary>
public sealed class AuditFunctions(AuditTrail trail)
{
    public const string ChainHeader = "X-Audit-Chain";

    [Function("GetAuditTrail")]
    public async Task<IActionResult> GetAuditTrailAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "audit/{aggregateType}/{aggregateId}")] HttpRequest request,
        string aggregateType, string aggregateId, CancellationToken cancellationToken)
    {
        var (query, errors) = AuditQuery.Parse(aggregateType, aggregateId, request.Query);
        if (query is null)
            return Problems.Of(ProblemKind.InvalidParameter, $"Invalid parameter(s): {string.Join(", ", errors.Fields)}.", errors.ToDictionary());

        var export = await trail.ExportAsync(query.AggregateType, query.AggregateId, query.From, query.To, cancellationToken);
        if (!export.Exists)
            return Problems.NotFound($"The audit trail of {query.AggregateType} '{query.AggregateId}'");

        request.HttpContext.Response.Headers[ChainHeader] = export.Verification.HeaderValue;
        return query.Format == "csv"
            ? new ContentResult { Content = AuditRendering.ToCsv(export), ContentType = "text/csv; charset=utf-8", StatusCode = 200 }
            : new ContentResult { Content = AuditRendering.ToJson(export), ContentType = "application/json; charset=utf-8", StatusCode = 200 };
    }
}
