using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary><c>POST /api/dsr</c>: a product hands over a data subject request (Standard Webhooks signed).</summary>
public sealed class DsrIntakeFunctions(WebhookEndpoint webhooks, DsrIntake intake)
{
    [Function("DsrIntake")]
    public Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dsr")] HttpRequest request, CancellationToken ct) =>
        webhooks.HandleAsync(request, async (webhook, root) =>
        {
            var (parsed, errors) = DsrIntakeRequest.Parse(root);
            if (parsed is null || !webhook.RequireSameProduct(parsed.ProductId, errors))
                return Problems.Validation(errors);

            var result = await intake.AcceptAsync(parsed, ct);
            if (result.Outcome == DsrIntakeOutcome.Invalid)
                return Problems.Validation(result.Errors!);
            return new ObjectResult(new { requestId = result.Request!.RequestId, status = result.Request.Status.ToWire() })
            {
                StatusCode = result.Outcome == DsrIntakeOutcome.Accepted ? StatusCodes.Status202Accepted : StatusCodes.Status200OK,
            };
        }, ct);
}
