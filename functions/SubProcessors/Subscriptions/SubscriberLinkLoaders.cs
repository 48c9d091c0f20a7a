using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>
/// What a confirmation link opens, for <see cref="LinkPageGate"/>: the subscriber the token names, while its address is
/// kept (pending or confirmed). An unsubscribed or expired subscriber, or none, is a 404: the link's subscription is gone.
/// </summary>
public sealed class SubscriptionConfirmationLinks(SubscriberStore store) : ILinkedItemLoader<Stored<Subscriber>>
{
    public string Purpose => LinkPurposes.SubProcessorSubscription;

    public async Task<LinkedItem<Stored<Subscriber>>> LoadAsync(string itemId, string subject, CancellationToken cancellationToken) =>
        await store.FindByShortIdAsync(subject, cancellationToken) is { State.Address: not null } stored
            ? LinkedItem<Stored<Subscriber>>.Found(stored)
            : LinkedItem<Stored<Subscriber>>.NotFound("The subscription");
}

/// <summary>
/// What an unsubscribe link opens: the subscriber the token names, in any status (unsubscribing again answers as the
/// first time). None is a 404.
/// </summary>
public sealed class UnsubscribeLinks(SubscriberStore store) : ILinkedItemLoader<Stored<Subscriber>>
{
    public string Purpose => LinkPurposes.Unsubscribe;

    public async Task<LinkedItem<Stored<Subscriber>>> LoadAsync(string itemId, string subject, CancellationToken cancellationToken) =>
        await store.FindByShortIdAsync(subject, cancellationToken) is { } stored
            ? LinkedItem<Stored<Subscriber>>.Found(stored)
            : LinkedItem<Stored<Subscriber>>.NotFound("The subscription");
}
