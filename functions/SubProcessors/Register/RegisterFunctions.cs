using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// The public register (anonymous): JSON, or HTML when the client prefers <c>text/html</c>. Strong <c>ETag</c> per
/// representation, <c>304</c> on a matching <c>If-None-Match</c>, cacheable for five minutes, readable from any
/// site (CORS <c>*</c>: it is public and carries no credentials).
/// </summary>
public sealed class RegisterFunctions(RegisterStore register, IOptions<ProcessorOptions> processor)
{
    [Function("GetSubProcessorRegister")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subprocessors")] HttpRequest request, CancellationToken ct)
    {
        var errors = new QueryParameters(request.Query, new ValidationErrors()).Allow().Errors;
        if (!errors.IsEmpty) return Problems.Validation(errors);
        var entries = await register.ReadAsync(ct);
        var html = PublicResponses.PrefersHtml(request);
        var content = html
            ? RegisterPage.Html(processor.Value.DisplayName, entries)
            : JsonSerializer.Serialize(new RegisterView(entries.Select(SubProcessorView.From).ToArray()), PublicResponses.Json);
        return PublicResponses.Cacheable(request, content, html ? "text/html; charset=utf-8" : "application/json; charset=utf-8");
    }
}
