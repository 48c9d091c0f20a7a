using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace PrivacyFunctions.Platform.Http;

/// <summary>
/// Reads a request body with a size limit (docs/security.md) before anything is parsed or written. The raw bytes
/// are kept because webhook signatures are computed over them.
/// </summary>
public static class JsonRequest
{
    /// <summary>Reads at most <paramref name="maxBytes"/>; returns the bytes, or the problem to answer with.</summary>
    public static async Task<(byte[]? Body, IActionResult? Problem)> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>Parses a JSON object body; anything else is a 400 (or 415 for a non-JSON content type).</summary>
    public static (JsonElement Root, IActionResult? Problem) ParseObject(HttpRequest request, byte[] body)
    {
        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !contentType.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase))
            return (default, Problems.Of(ProblemKind.UnsupportedMediaType, $"Content-Type '{contentType}' is not accepted; send application/json."));
        // The parser checks structure, not that every string decodes: an invalid UTF-8 byte or a lone escaped
        // surrogate ("\ud800") would only throw later, in the middle of validation.
        if (!Utf8.IsValid(body))
            return (default, Problems.Of(ProblemKind.MalformedJson, "The body is not valid UTF-8."));
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (default, Problems.Of(ProblemKind.MalformedJson, "The request body must be a JSON object."));
            if (!EveryStringDecodes(document.RootElement))
                return (default, Problems.Of(ProblemKind.MalformedJson, "The body holds a string that is not valid Unicode (e.g. a lone surrogate escape)."));
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            // The parser's position is safe to report; the message never echoes the body's text.
            return (default, Problems.Of(ProblemKind.MalformedJson, $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
    }

    public static async Task<(JsonElement Root, IActionResult? Problem)> ReadObjectAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(request, maxBytes, cancellationToken);
        return problem is not null ? (default, problem) : ParseObject(request, body!);
    }

    private static bool EveryStringDecodes(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(EveryStringDecodes);
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name; // names are unescaped on read like values
                        if (!EveryStringDecodes(property.Value)) return false;
                    }
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ObjectResult TooLarge(int maxBytes) =>
        Problems.Of(ProblemKind.PayloadTooLarge, $"The request body exceeds {maxBytes} bytes.");
}
