using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Security;

/// <summary>
/// Authenticates product webhooks (DESIGN §7, Standard Webhooks) before their body is parsed.
/// The <c>webhook-product</c> header names the product whose secret is used; the handler then requires the
/// body's <c>productId</c> to be that product (<see cref="AuthenticatedWebhook.RequireSameProduct"/>).
/// A <c>webhook-id</c> is refused once it has been accepted; it is recorded by
/// <see cref="RecordAcceptedAsync"/> only after the handler succeeded, so a product may retry a delivery we failed.
/// </summary>
public sealed partial class WebhookVerifier(
    IOptions<WebhookOptions> options, StorageAccount storage, TimeProvider clock, ILogger<WebhookVerifier> logger)
{
    private const int MaxSignatures = 10;

    /// <summary>Reads the body (size-limited) and verifies it: the usual first step of a webhook function.</summary>
    public async Task<(AuthenticatedWebhook? Webhook, byte[]? Body, ObjectResult? Problem)> ReadVerifiedAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (body, tooLarge) = await JsonRequest.ReadBodyAsync(request, maxBytes, cancellationToken);
        if (tooLarge is not null) return (null, null, (ObjectResult)tooLarge);
        var verification = await VerifyAsync(request, body!, cancellationToken);
        return verification.IsAuthenticated ? (verification.Webhook, body, null) : (null, null, verification.Problem);
    }

    /// <summary>Reads, verifies, then parses the body as a JSON object: a webhook function's first three steps.</summary>
    public async Task<(AuthenticatedWebhook? Webhook, System.Text.Json.JsonElement Root, IActionResult? Problem)> ReadVerifiedObjectAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (webhook, body, problem) = await ReadVerifiedAsync(request, maxBytes, cancellationToken);
        if (problem is not null) return (null, default, problem);
        var (root, malformed) = JsonRequest.ParseObject(request, body!);
        return malformed is not null ? (null, default, malformed) : (webhook, root, null);
    }

    public async Task<WebhookVerification> VerifyAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var productId = Header(request, WebhookHeaders.Product);
        var webhookId = Header(request, WebhookHeaders.Id);
        var timestamp = Header(request, WebhookHeaders.Timestamp);
        var signature = Header(request, WebhookHeaders.Signature);

        var missing = new[] { (WebhookHeaders.Product, productId), (WebhookHeaders.Id, webhookId),
                (WebhookHeaders.Timestamp, timestamp), (WebhookHeaders.Signature, signature) }
            .Where(h => h.Item2 is null).Select(h => h.Item1).ToList();
        if (missing.Count > 0)
            return Refuse("missing-headers", null, $"Missing header(s): {string.Join(", ", missing)}.");

        if (!JsonFields.IdPattern().IsMatch(productId!) || !WebhookIdPattern().IsMatch(webhookId!))
            return Refuse("malformed-headers", null, "The webhook-product or webhook-id header is malformed.");

        // Unknown product and wrong signature get the same answer: the caller learns nothing about which products exist.
        if (!options.Value.ProductKeys.TryGetValue(productId!, out var key))
            return Refuse("unknown-product", null, "The signature does not match.");

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            return Refuse("malformed-timestamp", productId, "The webhook-timestamp header must be Unix seconds.");
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((clock.GetUtcNow() - sentAt).Duration() > WebhookOptions.TimestampTolerance)
            return Refuse("timestamp-out-of-tolerance", productId, "The webhook-timestamp is more than 5 minutes from the current time.");

        if (!SignatureMatches(signature!, WebhookSigner.Compute(key, webhookId!, timestamp!, body)))
            return Refuse("signature-mismatch", productId, "The signature does not match.");

        var table = await storage.TableAsync(StorageNames.Tables.WebhookReplays, cancellationToken);
        var seen = await table.GetEntityIfExistsAsync<TableEntity>(productId, webhookId, ["PartitionKey"], cancellationToken);
        if (seen.HasValue)
            return Refuse("replayed", productId, "This webhook-id was already accepted.");

        return new WebhookVerification(new AuthenticatedWebhook(productId!, webhookId!, sentAt), null);
    }

    /// <summary>
    /// Remembers the webhook as accepted, so a replay is refused. Call it after the handler's work succeeded.
    /// Two concurrent deliveries of one id may both pass verification; handlers are idempotent on their
    /// natural keys, so recording twice is harmless.
    /// </summary>
    public async Task RecordAcceptedAsync(AuthenticatedWebhook webhook, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.Tables.WebhookReplays, cancellationToken);
        var entity = new TableEntity(webhook.ProductId, webhook.WebhookId)
        {
            ["SentAt"] = webhook.Timestamp,
            ["AcceptedAt"] = clock.GetUtcNow(),
        };
        await table.TryAddAsync(entity, cancellationToken); // already recorded by a concurrent delivery: fine
    }

    private static bool SignatureMatches(string header, byte[] expected)
    {
        var matched = false;
        foreach (var part in header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxSignatures))
        {
            if (!part.StartsWith("v1,", StringComparison.Ordinal)) continue; // other schemes (e.g. v1a) are not ours
            var candidate = new byte[48];
            if (Convert.TryFromBase64String(part[3..], candidate, out var written) && written == expected.Length)
                matched |= CryptographicOperations.FixedTimeEquals(candidate.AsSpan(0, written), expected);
        }
        return matched;
    }

    private static string? Header(HttpRequest request, string name)
    {
        var values = request.Headers[name];
        return values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
    }

    private WebhookVerification Refuse(string reason, string? productId, string detail)
    {
        LogRefused(reason, productId ?? "(unknown)");
        return new WebhookVerification(null, Problems.Of(ProblemKind.WebhookUnauthorized, detail));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused: {Reason} (product {ProductId})")]
    private partial void LogRefused(string reason, string productId);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")]
    private static partial Regex WebhookIdPattern();
}
