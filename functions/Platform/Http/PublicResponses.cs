using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace PrivacyFunctions.Platform.Http;

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
