using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>
/// The mailing list's signed links. Both name the subscriber by its short id (the first 16 hex digits of the address's
/// hash, never the address) and the item <c>list</c>: the confirmation link (<see cref="LinkPurposes.SubProcessorSubscription"/>)
/// lives as long as the unconfirmed address may be kept, the unsubscribe link (<see cref="LinkPurposes.Unsubscribe"/>,
/// in every list email and its RFC 8058 headers) three years.
/// </summary>
public sealed class SubscriptionLinks(LinkTokens tokens, TimeProvider clock)
{
    public const string Item = "list";
    public const string ConfirmationRoute = "api/subprocessors/subscriptions/confirmation";
    public const string UnsubscribeRoute = "api/subprocessors/subscriptions/unsubscribe";
    public const int UnsubscribeLifetimeYears = 3;

    public Uri ConfirmationUrl(string shortId, DateTimeOffset expiresAt) =>
        tokens.LinkUrl(ConfirmationRoute, tokens.Issue(LinkPurposes.SubProcessorSubscription, shortId, Item, expiresAt));

    public Uri UnsubscribeUrl(string shortId) =>
        tokens.LinkUrl(UnsubscribeRoute, tokens.Issue(LinkPurposes.Unsubscribe, shortId, Item, clock.GetUtcNow().AddYears(UnsubscribeLifetimeYears)));
}
