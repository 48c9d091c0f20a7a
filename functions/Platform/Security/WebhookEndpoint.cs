using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Security;

/// <summary>
/// The one shape of a product webhook function: read the body (size-limited), verify the signature and claim the
/// <c>webhook-id</c> (401 on failure, nothing parsed), parse the JSON object (400/415), then the handler. A
/// delivery we answer with a 5xx, or that throws, gives its id back so the product can retry it; every other
/// answer keeps the id claimed, so a captured delivery is never accepted twice.
/// </summary>
public sealed class WebhookEndpoint(WebhookVerifier verifier, IOptions<HttpOptions> http)
{
    public async Task<IActionResult> HandleAsync(
        HttpRequest request, Func<AuthenticatedWebhook, JsonElement, Task<IActionResult>> handle, CancellationToken cancellationToken)
    {
        var (webhook, body, problem) = await verifier.ReadVerifiedAsync(request, http.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        IActionResult result;
        try
        {
            var (root, malformed) = JsonRequest.ParseObject(request, body!);
            result = malformed ?? await handle(webhook!, root);
        }
        catch
        {
            await verifier.ReleaseAsync(webhook!);
            throw;
        }
        if (result is IStatusCodeActionResult { StatusCode: >= 500 })
            await verifier.ReleaseAsync(webhook!);
        return result;
    }
}
