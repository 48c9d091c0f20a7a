using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Security;

/// <summary>A webhook whose signature, timestamp and id were verified: <see cref="ProductId"/> signed it.</summary>
public sealed record AuthenticatedWebhook(string ProductId, string WebhookId, DateTimeOffset Timestamp)
{
    /// <summary>
    /// The body names its product too; a product may only speak for itself. Adds a message under
    /// <paramref name="field"/> when the body's value is another product (a missing value is left to the
    /// handler's own "required" check).
    /// </summary>
    public bool RequireSameProduct(string? bodyProductId, ValidationErrors errors, string field = "productId")
    {
        if (bodyProductId is null || string.Equals(bodyProductId, ProductId, StringComparison.Ordinal)) return true;
        errors.Add(field, "must name the product that signed the webhook.");
        return false;
    }

    /// <summary>
    /// The signature covers the body, not the route: a webhook acting on one resource must name it in its body, and
    /// may act only on the resource the route addresses — so a captured delivery cannot be replayed at another one.
    /// Adds a message under <paramref name="field"/> when the body names another (a missing value is left to the
    /// handler's own "required" check).
    /// </summary>
    public static bool RequireSameResource(string? bodyValue, string routeValue, ValidationErrors errors, string field)
    {
        if (bodyValue is null || string.Equals(bodyValue, routeValue, StringComparison.Ordinal)) return true;
        errors.Add(field, "must name the resource of the route; a signed webhook acts only on the resource its body names.");
        return false;
    }
}

/// <summary>The outcome of <see cref="WebhookVerifier.VerifyAsync"/>: either an authenticated webhook or a 401 problem.</summary>
public sealed record WebhookVerification(AuthenticatedWebhook? Webhook, ObjectResult? Problem)
{
    [MemberNotNullWhen(true, nameof(Webhook))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsAuthenticated => Webhook is not null;
}
