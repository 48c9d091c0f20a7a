using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// The breach register for the DPO office (function key): the filtered list, one breach's detail, and the Art. 33(5)
/// documentation export as JSON or CSV. Thin: validate the query (a bad one is a problem naming the field and reads
/// nothing), call <see cref="BreachQueries"/>, shape the answer.
/// </summary>
public sealed class BreachRegisterFunctions(BreachQueries queries)
{
    [Function("ListBreaches")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "breaches")] HttpRequest request, CancellationToken ct)
    {
        var (query, errors) = BreachListQuery.Parse(request.Query);
        if (query is null) return Problems.Validation(errors);
        IReadOnlyList<Breach> items;
        string? next;
        try
        {
            (items, next) = await queries.ListAsync(query.Status, query.From, query.To, query.PageSize, query.StoreContinuation, ct);
        }
        catch (Azure.RequestFailedException e) when (e.Status == StatusCodes.Status400BadRequest && query.StoreContinuation is not null)
        {
            // The envelope is not signed: a forged continuation with the right scope is refused by the Table service, not a 5xx.
            return Problems.Validation("continuationToken", "is not a continuation token of this list.");
        }
        return new OkObjectResult(new BreachListPage(items.Select(BreachListItem.From).ToArray(),
            next is null ? null : ContinuationTokens.Encode(next, query.Scope)));
    }

    [Function("ExportBreaches")]
    public async Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "breaches/export")] HttpRequest request, CancellationToken ct)
    {
        var (query, errors) = BreachExportQuery.Parse(request.Query);
        if (query is null) return Problems.Validation(errors);
        var export = await queries.ExportAsync(query.From, query.To, ct);
        if (query.Format == "json") return new OkObjectResult(export);
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename={BreachRegisterCsv.FileName(query.From, query.To)}";
        return new ContentResult { Content = BreachRegisterCsv.ToCsv(export), ContentType = BreachRegisterCsv.ContentType, StatusCode = StatusCodes.Status200OK };
    }

    [Function("GetBreach")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "breaches/{breachId}")] HttpRequest request, string breachId, CancellationToken ct)
    {
        if (!BreachKind.IdPattern().IsMatch(breachId))
            return Problems.Of(ProblemKind.InvalidParameter, "breachId must be a breach id such as brc-0123456789abcdef01234567.",
                new Dictionary<string, string[]> { ["breachId"] = ["must be 'brc-' and 24 lowercase hex digits."] });
        var errors = new QueryParameters(request.Query, new ValidationErrors()).Allow().Errors;
        if (!errors.IsEmpty) return Problems.Validation(errors);
        if (await queries.DetailAsync(breachId, ct) is not { } detail) return Problems.NotFound($"Breach '{breachId}'");
        request.HttpContext.Response.Headers.ETag = BreachETag.Of(detail.Version);
        return new OkObjectResult(detail);
    }
}
