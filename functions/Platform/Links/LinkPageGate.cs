using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.Platform.Links;

/// <summary>
/// The one way into a signed-link page (docs/security.md, "Signed-link pages"). For GET and POST alike it adds the
/// security headers to every answer, takes the token from the query (<c>?token=</c>) or, on a form POST without one,
/// from the form's <c>token</c> field, and validates it for the loader's purpose and the route's item: invalid,
/// tampered, foreign or other-purpose → 401, expired → 410; then the loader finds the item (404 when a genuine
/// link's item no longer exists, 401 when it is not the token subject's). A POST body is read only after that,
/// with the size limit, as a form or a JSON object. Nothing is written before the handler runs.
/// </summary>
public sealed class LinkPageGate(LinkTokens links, IOptions<HttpOptions> http)
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    public async Task<IActionResult> GetAsync<TItem>(
        HttpRequest request, string itemId, ILinkedItemLoader<TItem> loader, Func<LinkVisit<TItem>, IActionResult> render, CancellationToken ct)
        where TItem : class
    {
        LinkPages.AddSecurityHeaders(request.HttpContext.Response);
        var (visit, problem) = await OpenAsync(request, QueryToken(request), itemId, loader, ct);
        return problem ?? render(visit!);
    }

    public async Task<IActionResult> PostAsync<TItem>(
        HttpRequest request, string itemId, ILinkedItemLoader<TItem> loader, Func<LinkVisit<TItem>, LinkPageBody, Task<IActionResult>> handle,
        CancellationToken ct)
        where TItem : class
    {
        LinkPages.AddSecurityHeaders(request.HttpContext.Response);
        var token = QueryToken(request);
        LinkPageBody? body = null;
        if (token is null && IsForm(request))
        {
            // The credential is in the body: read it first (still size-limited). A body that cannot be read holds no
            // credential we could check, so it is answered as a missing token (401), as a bad query token is.
            var (read, formToken, problem) = await ReadAsync(request, ct);
            if (problem is not null) return new LinkValidation.Invalid().Problem!;
            body = read;
            if (formToken.Count == 1) token = formToken[0];
        }
        var (visit, refused) = await OpenAsync(request, token, itemId, loader, ct);
        if (refused is not null) return refused;
        if (body is null)
        {
            var (read, _, problem) = await ReadAsync(request, ct);
            if (problem is not null) return problem;
            body = read;
        }
        return await handle(visit!, body!);
    }

    private async Task<(LinkVisit<TItem>? Visit, IActionResult? Problem)> OpenAsync<TItem>(
        HttpRequest request, string? token, string itemId, ILinkedItemLoader<TItem> loader, CancellationToken ct)
        where TItem : class
    {
        var validation = links.Validate(token, loader.Purpose, itemId);
        if (validation is not LinkValidation.Valid valid)
            return (null, validation.Problem);
        var loaded = await loader.LoadAsync(itemId, valid.Subject, ct);
        return loaded.Problem is not null
            ? (null, loaded.Problem)
            : (new LinkVisit<TItem>(loaded.Item!, token!, LinkPages.SelfUrl(request, token!), valid.Subject), null);
    }

    /// <summary>The body as a form (UTF-8 checked; the <c>token</c> field taken out) or a JSON object (400/415 otherwise).</summary>
    private async Task<(LinkPageBody? Body, StringValues FormToken, IActionResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var (bytes, tooLarge) = await JsonRequest.ReadBodyAsync(request, http.Value.MaxBodyBytes, ct);
        if (tooLarge is not null) return (null, default, tooLarge);
        if (!IsForm(request))
        {
            var (root, malformed) = JsonRequest.ParseObject(request, bytes!);
            return malformed is not null ? (null, default, malformed) : (LinkPageBody.OfJson(root), default, null);
        }
        if (!Utf8.IsValid(bytes))
            return (null, default, Problems.Validation("body", "must be valid UTF-8 (application/x-www-form-urlencoded; charset=utf-8)."));
        var fields = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes!));
        var form = fields.Where(f => f.Key != LinkTokens.QueryParameter).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        return (LinkPageBody.OfForm(form), fields.GetValueOrDefault(LinkTokens.QueryParameter), null);
    }

    private static string? QueryToken(HttpRequest request)
    {
        var values = request.Query[LinkTokens.QueryParameter];
        return values.Count == 1 ? values[0] : null;
    }

    private static bool IsForm(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase);
}
