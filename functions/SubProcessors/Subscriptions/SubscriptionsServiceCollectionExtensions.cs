using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.SubProcessors.Subscriptions;

namespace Microsoft.Extensions.DependencyInjection;

public static class SubscriptionsServiceCollectionExtensions
{
    /// <summary>
    /// The mailing list of sub-processor changes: the subscriber aggregate, its confirmation effect, the expiry handler
    /// (family <c>subprocessor</c>), the link loaders, the directory the notice fan-out reads, and its texts (checked
    /// complete in every language when first used). Needs <c>SubProcessorOptions</c> registered (validated at start).
    /// </summary>
    public static IServiceCollection AddSubProcessorSubscriptions(this IServiceCollection services)
    {
        services.AddAggregate<SubscriberKind, Subscriber>();
        services.AddEffect<SendSubscriptionConfirmation, SendSubscriptionConfirmationHandler>("subprocessor.subscriber.send-confirmation");
        services.AddDueHandler<SubscriberExpiry>();
        services.AddSingleton<SubscriptionLinks>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<ConfirmationRateLimit>();
        services.AddSingleton<SubscriberActions>();
        services.AddSingleton<SubscriptionConfirmationLinks>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<SubscriberDirectory>();
        services.AddSingleton(SubscriptionTexts.ByLanguage);
        return services;
    }
}
