using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// Product webhooks on an existing request (Standard Webhooks signed): withdraw it before forwarding, report an
/// instructed action done. The signed body names the request (<c>requestId</c>) and must match the route. Another
/// product's request answers 404, as an unknown one does.
/// </summary>
public sealed class DsrProductFunctions(WebhookEndpoint webhooks, DsrProductActions actions)
{
    [Function("CancelDsr")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dsr/{requestId}/cancel")] HttpRequest request,
        string requestId, CancellationToken ct) =>
        webhooks.HandleAsync(request, async (webhook, root) =>
        {
            if (InvalidRoute(requestId) is { } invalid) return invalid;
            var (parsed, errors) = DsrCancelRequest.Parse(root);
            if (parsed is null || !webhook.RequireSameProduct(parsed.ProductId, errors)
                || !AuthenticatedWebhook.RequireSameResource(parsed.RequestId, requestId, errors, "requestId"))
                return Problems.Validation(errors);
            return Respond(await actions.CancelAsync(requestId, webhook.ProductId, parsed.Reason, ct), requestId);
        }, ct);

    [Function("CompleteDsr")]
    public Task<IActionResult> Complete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dsr/{requestId}/completion")] HttpRequest request,
        string requestId, CancellationToken ct) =>
        webhooks.HandleAsync(request, async (webhook, root) =>
        {
            if (InvalidRoute(requestId) is { } invalid) return invalid;
            var (parsed, errors) = actions.ParseCompletion(root);
            if (parsed is null || !webhook.RequireSameProduct(parsed.ProductId, errors)
                || !AuthenticatedWebhook.RequireSameResource(parsed.RequestId, requestId, errors, "requestId"))
                return Problems.Validation(errors);
            return Respond(await actions.CompleteAsync(requestId, webhook.ProductId, parsed.CompletedAt, ct), requestId);
        }, ct);

    private static ObjectResult? InvalidRoute(string requestId) => RequestIds.CustomerOf(requestId) is null
        ? Problems.Of(ProblemKind.InvalidParameter, "requestId is not a request id.",
            new Dictionary<string, string[]> { ["requestId"] = ["must be a request id as returned by POST /api/dsr."] })
        : null;

    private static IActionResult Respond(DsrActionResult result, string requestId) =>
        result.ProblemOf(requestId) ?? new OkObjectResult(new { requestId = result.Request!.RequestId, status = result.Request.Status.ToWire() });
}
