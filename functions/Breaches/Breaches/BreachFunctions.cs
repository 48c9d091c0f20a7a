using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Products;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// The write side of breach alerts: a product's report (Standard Webhooks signed) and the DPO office's open, facts
/// correction (merge patch, If-Match), assessment, notices, updates and closure (function key). Thin.
/// </summary>
public sealed class BreachFunctions(
    WebhookEndpoint webhooks, BreachActions actions, ProductCatalog products, IOptions<HttpOptions> http, IOptions<ProcessorOptions> processor,
    TimeProvider clock)
{
    [Function("ReportBreach")]
    public Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "breaches/reports")] HttpRequest request, CancellationToken ct) =>
        webhooks.HandleAsync(request, async (webhook, root) =>
        {
            var (report, errors) = BreachRequests.ParseReport(root, clock.GetUtcNow(), processor.Value.ClockSkew);
            if (report is null || !webhook.RequireSameProduct(report.ProductId, errors)) return Problems.Validation(errors);
            var result = await actions.ReportAsync(report, ct);
            return Respond(request, result, "", created: StatusCodes.Status202Accepted);
        }, ct);

    [Function("OpenBreach")]
    public async Task<IActionResult> Open(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "breaches")] HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var (open, errors) = BreachRequests.ParseOpen(body, clock.GetUtcNow(), processor.Value.ClockSkew);
        if (open is null) return Problems.Validation(errors);
        return Respond(request, await actions.OpenAsync(open, ct), "", created: StatusCodes.Status201Created);
    }

    [Function("PatchBreach")]
    public async Task<IActionResult> Patch(
        [HttpTrigger(AuthorizationLevel.Function, "patch", Route = "breaches/{breachId}")] HttpRequest request, string breachId, CancellationToken ct)
    {
        if (InvalidId(breachId) is { } invalid) return invalid;
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        return Respond(request, await actions.CorrectFactsAsync(breachId, body, request.Headers.IfMatch.FirstOrDefault(), ct), breachId);
    }

    [Function("AssessBreach")]
    public async Task<IActionResult> Assess(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "breaches/{breachId}/assessment")] HttpRequest request, string breachId, CancellationToken ct)
    {
        if (InvalidId(breachId) is { } invalid) return invalid;
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var (assessment, errors) = BreachRequests.ParseAssessment(body, clock.GetUtcNow(), products.Ids);
        if (assessment is null) return Problems.Validation(errors);
        return Respond(request, await actions.AssessAsync(breachId, assessment, ct), breachId);
    }

    [Function("SendBreachNotices")]
    public Task<IActionResult> Notices(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "breaches/{breachId}/notices")] HttpRequest request, string breachId, CancellationToken ct) =>
        TextCommandAsync(request, breachId, "", allowPhased: true, (_, phased) => actions.NotifyAsync(breachId, phased, ct), ct);

    [Function("SendBreachUpdate")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "breaches/{breachId}/updates")] HttpRequest request, string breachId, CancellationToken ct) =>
        TextCommandAsync(request, breachId, "text", allowPhased: false, (text, _) => actions.UpdateAsync(breachId, text!, ct), ct);

    [Function("CloseBreach")]
    public Task<IActionResult> Close(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "breaches/{breachId}/closure")] HttpRequest request, string breachId, CancellationToken ct) =>
        TextCommandAsync(request, breachId, "summary", allowPhased: false, (text, _) => actions.CloseAsync(breachId, text!, ct), ct);

    private async Task<IActionResult> TextCommandAsync(HttpRequest request, string breachId, string field, bool allowPhased,
        Func<string?, bool, Task<BreachResult>> command, CancellationToken ct)
    {
        if (InvalidId(breachId) is { } invalid) return invalid;
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var (text, phased, errors) = BreachRequests.ParseText(body, field, allowPhased);
        if (!errors.IsEmpty) return Problems.Validation(errors);
        return Respond(request, await command(text, phased), breachId);
    }

    internal static ObjectResult? InvalidId(string breachId) => BreachKind.IdPattern().IsMatch(breachId) ? null
        : Problems.Of(ProblemKind.InvalidParameter, "breachId must be a breach id such as brc-0123456789abcdef01234567.");

    private static IActionResult Respond(HttpRequest request, BreachResult result, string breachId, int created = StatusCodes.Status201Created)
    {
        if (result.Breach is { } stored) request.HttpContext.Response.Headers.ETag = BreachETag.Of(stored.Version);
        return result.Outcome switch
        {
            BreachOutcome.Invalid => Problems.Validation(result.Errors!),
            BreachOutcome.NotFound => Problems.NotFound($"Breach '{breachId}'"),
            BreachOutcome.Conflict => Problems.Of(ProblemKind.Conflict, result.Detail!),
            BreachOutcome.PreconditionFailed => Problems.Of(ProblemKind.PreconditionFailed, result.Detail!),
            BreachOutcome.Busy => Problems.Of(ProblemKind.Busy, result.Detail!),
            BreachOutcome.Created => new ObjectResult(BreachSummaryView.From(result.Breach!)) { StatusCode = created },
            _ => new OkObjectResult(BreachSummaryView.From(result.Breach!)),
        };
    }
}
