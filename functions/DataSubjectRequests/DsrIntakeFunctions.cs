using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary><c>POST /api/dsr</c>: a product hands over a data subject request (Standard Webhooks signed).</summary>
public sealed class DsrIntakeFunctions(WebhookVerifier webhooks, DsrIntake intake, IOptions<HttpOptions> http)
{
    [Function("DsrIntake")]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dsr")] HttpRequest request, CancellationToken ct)
    {
        var (webhook, root, problem) = await webhooks.ReadVerifiedObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;

        var (parsed, errors) = DsrIntakeRequest.Parse(root);
        if (parsed is null || !webhook!.RequireSameProduct(parsed.ProductId, errors))
            return Problems.Validation(errors);

        var result = await intake.AcceptAsync(parsed, ct);
        if (result.Outcome == DsrIntakeOutcome.Invalid)
            return Problems.Validation(result.Errors!);
        await webhooks.RecordAcceptedAsync(webhook, ct);
        return new ObjectResult(new { requestId = result.Request!.RequestId, status = result.Request.Status.ToWire() })
        {
            StatusCode = result.Outcome == DsrIntakeOutcome.Accepted ? StatusCodes.Status202Accepted : StatusCodes.Status200OK,
        };
    }
}
