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
/// Authenticates product webhooks (docs/security.md, Standard Webhooks) before their body is parsed.
/// The <c>webhook-product</c> header names the product whose secret is used; the handler then requires the
/// body's <c>productId</c> to be that product (<see cref="AuthenticatedWebhook.RequireSameProduct"/>).
/// A verified <c>webhook-id</c> is claimed at once with one insert-if-absent, so a replay — even one sent
/// concurrently, or one of a delivery that was refused with a 4xx — is refused. Only a delivery we failed (a 5xx
/// or an exception) gives its id back with <see cref="ReleaseAsync"/>, so the product can retry it.
/// <see cref="WebhookEndpoint"/> does both around a handler.
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

        var webhook = new AuthenticatedWebhook(productId!, webhookId!, sentAt);
        var table = await storage.TableAsync(StorageNames.Tables.WebhookReplays, cancellationToken);
        var claim = new TableEntity(webhook.ProductId, webhook.WebhookId)
        {
            ["SentAt"] = webhook.Timestamp,
            ["AcceptedAt"] = clock.GetUtcNow(),
        };
        if (await table.TryAddAsync(claim, cancellationToken) is null)
            return Refuse("replayed", productId, "This webhook-id was already accepted.");

        return new WebhookVerification(webhook, null);
    }

    /// <summary>
    /// Gives a claimed <c>webhook-id</c> back after we failed to handle its delivery (5xx), so the product's retry
    /// with the same id is accepted. Never on the caller's token: a cancelled request must still release its claim.
    /// </summary>
    public async Task ReleaseAsync(AuthenticatedWebhook webhook)
    {
        try
        {
            var table = await storage.TableAsync(StorageNames.Tables.WebhookReplays, CancellationToken.None);
            await table.DeleteEntityAsync(webhook.ProductId, webhook.WebhookId, Azure.ETag.All, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Storage failed the delivery and now the release too: the id stays spent, so the product's retry needs a new
            // webhook-id (every handler is idempotent on its natural key). The delivery's own failure is what surfaces.
            LogReleaseFailed(webhook.ProductId, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed webhook's id could not be released (product {ProductId}): {ExceptionType}")]
    private partial void LogReleaseFailed(string productId, string exceptionType);

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

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\z")]
    private static partial Regex WebhookIdPattern();
}
