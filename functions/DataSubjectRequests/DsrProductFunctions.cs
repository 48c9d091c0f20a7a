using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// Product webhooks on an existing request (Standard Webhooks signed): withdraw it before forwarding, report an
/// instructed action done. Another product's request answers 404, as an unknown one does.
/// </summary>
public sealed class DsrProductFunctions(WebhookVerifier webhooks, DsrProductActions actions, IOptions<HttpOptions> http)
{
    [Function("CancelDsr")]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dsr/{requestId}/cancel")] HttpRequest request,
        string requestId, CancellationToken ct)
    {
        var (webhook, root, problem) = await ReadAsync(request, requestId, ct);
        if (problem is not null) return problem;
        var (parsed, errors) = DsrCancelRequest.Parse(root);
        if (parsed is null || !webhook!.RequireSameProduct(parsed.ProductId, errors))
            return Problems.Validation(errors);

        var result = await actions.CancelAsync(requestId, webhook.ProductId, parsed.Reason, ct);
        return await RespondAsync(result, webhook, requestId, ct);
    }

    [Function("CompleteDsr")]
    public async Task<IActionResult> Complete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dsr/{requestId}/completion")] HttpRequest request,
        string requestId, CancellationToken ct)
    {
        var (webhook, root, problem) = await ReadAsync(request, requestId, ct);
        if (problem is not null) return problem;
        var (parsed, errors) = actions.ParseCompletion(root);
        if (parsed is null || !webhook!.RequireSameProduct(parsed.ProductId, errors))
            return Problems.Validation(errors);

        var result = await actions.CompleteAsync(requestId, webhook.ProductId, parsed.CompletedAt, ct);
        return await RespondAsync(result, webhook, requestId, ct);
    }

    /// <summary>Signature first (401, nothing parsed), then the JSON body (400/415), then the route's request id (400).</summary>
    private async Task<(AuthenticatedWebhook? Webhook, System.Text.Json.JsonElement Root, IActionResult? Problem)> ReadAsync(
        HttpRequest request, string requestId, CancellationToken ct)
    {
        var (webhook, root, problem) = await webhooks.ReadVerifiedObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return (null, default, problem);
        if (RequestIds.CustomerOf(requestId) is null)
            return (null, default, Problems.Of(ProblemKind.InvalidParameter, "requestId is not a request id.",
                new Dictionary<string, string[]> { ["requestId"] = ["must be a request id as returned by POST /api/dsr."] }));
        return (webhook, root, null);
    }

    private async Task<IActionResult> RespondAsync(DsrActionResult result, AuthenticatedWebhook webhook, string requestId, CancellationToken ct)
    {
        if (result.ProblemOf(requestId) is { } problem) return problem;
        await webhooks.RecordAcceptedAsync(webhook, ct);
        return new OkObjectResult(new { requestId = result.Request!.RequestId, status = result.Request.Status.ToWire() });
    }
}
