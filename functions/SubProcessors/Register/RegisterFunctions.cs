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

/// <summary>What the public endpoints share: content negotiation, JSON shape, ETag/304 and cache headers.</summary>
public static class PublicResponses
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>HTML only when the client ranks <c>text/html</c> above JSON (a browser); a bare <c>*/*</c> gets JSON.</summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string type, string subtype) => accept
            .Where(a => (a.Type == "*" || a.Type.Equals(type, StringComparison.OrdinalIgnoreCase)) && (a.SubType == "*" || a.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase)))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return accept.Count > 0 && Quality("text", "html") > Quality("application", "json");
    }

    public static IActionResult Cacheable(HttpRequest request, string content, string contentType)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contentType + "\n" + content)))[..32] + "\"";
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "public, max-age=300";
        headers.Vary = "Accept";
        headers.AccessControlAllowOrigin = "*";
        headers.XContentTypeOptions = "nosniff";
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Value == etag))
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        return new ContentResult { Content = content, ContentType = contentType, StatusCode = StatusCodes.Status200OK };
    }
}
