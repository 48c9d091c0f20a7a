using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace PrivacyFunctions.Tests.Support;

/// <summary>Builds the ASP.NET Core requests the Functions host would hand to a function.</summary>
public static class HttpRequests
{
    public static HttpRequest Json(string method, string path, string? body = null, IDictionary<string, string>? headers = null, string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        request.Path = path;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
            request.ContentType = contentType;
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers[name] = value;
        return request;
    }

    public static HttpRequest Json(string method, string path, object body, IDictionary<string, string>? headers = null) =>
        Json(method, path, JsonSerializer.Serialize(body), headers);

    /// <summary>A POST signed the way a product signs its webhooks (secret from <see cref="TestApp.WebhookSecretOf"/> unless given).</summary>
    public static HttpRequest SignedWebhook(string path, string body, string productId, string webhookId, DateTimeOffset timestamp, string? secret = null)
    {
        var request = Json("POST", path, body);
        new PrivacyFunctions.Platform.Security.WebhookSigner(secret ?? TestApp.WebhookSecretOf(productId))
            .Sign(request, productId, webhookId, timestamp, Encoding.UTF8.GetBytes(body));
        return request;
    }
}

/// <summary>What a caller would see of an <see cref="IActionResult"/>: status and JSON body.</summary>
public sealed record Response(int Status, JsonElement Body, string? ContentType)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Response Of(IActionResult result) => result switch
    {
        ObjectResult o => new Response(o.StatusCode ?? 200, JsonSerializer.SerializeToElement(o.Value, o.Value?.GetType() ?? typeof(object), Web), o.ContentTypes.FirstOrDefault()),
        ContentResult c => new Response(c.StatusCode ?? 200,
            c.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true ? JsonDocument.Parse(c.Content!).RootElement : default, c.ContentType),
        StatusCodeResult s => new Response(s.StatusCode, default, null),
        _ => throw new InvalidOperationException($"Unexpected result {result.GetType().Name}"),
    };

    public string ProblemType => Body.GetProperty("type").GetString()!;

    public IReadOnlyList<string> ErrorFields => Body.TryGetProperty("errors", out var errors)
        ? errors.EnumerateObject().Select(p => p.Name).ToArray()
        : [];
}
