using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.Platform.Links;

/// <summary>
/// The HTML side of signed-link pages: security headers, the page shell with <c>lang</c>, the page's language.
/// Pages are small and script-free; every value is HTML-encoded (<see cref="TextTemplate"/>).
/// </summary>
public static class LinkPages
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>Headers for every answer of a link page (page, confirmation and problems alike).</summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
    }

    /// <summary>
    /// The page's language: the visitor's browser preference (<c>Accept-Language</c>, by quality) if the app offers
    /// it, else the first supported of <paramref name="fallbacks"/>, else English.
    /// </summary>
    public static string Language(HttpRequest request, params string?[] fallbacks)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value);
        return Languages.Resolve([.. accepted, .. fallbacks]);
    }

    /// <summary>The link's own address (path and token), where its forms post back to.</summary>
    public static string SelfUrl(HttpRequest request, string token) =>
        $"{request.PathBase}{request.Path}?token={Uri.EscapeDataString(token)}";

    public static ContentResult Html(string html, int status = StatusCodes.Status200OK) =>
        new() { Content = html, ContentType = ContentType, StatusCode = status };

    /// <summary>The page shell: <c>lang</c>, no indexing, a small inline style, the encoded title as heading, then <paramref name="bodyHtml"/>.</summary>
    public static string Document(string language, string title, string bodyHtml) =>
        "<!DOCTYPE html><html lang=\"" + E(language) + "\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + E(title) + "</title>" +
        "<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}" +
        "th{text-align:left;padding-right:1rem;vertical-align:top}form{border:1px solid #ccc;padding:0 1rem 1rem;margin:1rem 0}" +
        ".ok{color:#064}.note{color:#555}</style></head><body><h1>" + E(title) + "</h1>" + bodyHtml + "</body></html>";

    /// <summary>Label/value rows as an HTML table, every label and value encoded.</summary>
    public static string Facts(IEnumerable<(string Label, string Value)> rows) =>
        "<table>" + string.Concat(rows.Select(r => "<tr><th>" + E(r.Label) + "</th><td>" + E(r.Value) + "</td></tr>")) + "</table>";

    private static string E(string text) => TextTemplate.Encode(text);
}
