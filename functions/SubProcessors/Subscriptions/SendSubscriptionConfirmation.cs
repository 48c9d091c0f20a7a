using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>The confirmation email of a request to subscribe (double opt-in); its link works until <paramref name="ExpiresAt"/>.</summary>
public sealed record SendSubscriptionConfirmation(int Number, DateTimeOffset ExpiresAt) : IEffect
{
    public string OnceKey => $"subscriber.confirmation.{Number}";
}

/// <summary>
/// Sends the confirmation email to the address in the state the change stored, under the key
/// <c>subprocessor.subscription.{shortId}.{number}</c> (ids only), so performing the effect again sends nothing twice.
/// </summary>
public sealed class SendSubscriptionConfirmationHandler(MailSender sender, SubscriptionLinks links, IOptions<ProcessorOptions> processor)
    : IEffectHandler<SendSubscriptionConfirmation>
{
    public const string NoticeKind = "subprocessor.subscription-confirmation";

    public static string KeyPrefix(string shortId) => $"subprocessor.subscription.{shortId}.";

    public static string Key(string shortId, int number) => KeyPrefix(shortId) + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task PerformAsync(SendSubscriptionConfirmation effect, EffectContext context, CancellationToken cancellationToken)
    {
        var subscriber = context.StateAs<Subscriber>();
        if (subscriber.Address is null) return; // erased since: nobody to write to
        var shortId = Subscriber.ShortId(context.AggregateId);
        var content = SubscriptionMail.Confirmation(processor.Value.DisplayName, subscriber.Language,
            links.ConfirmationUrl(shortId, effect.ExpiresAt), effect.ExpiresAt);
        await sender.SendAsync(Key(shortId, effect.Number), new EmailRecipient(subscriber.Address), content,
            new NoticeRef(SubscriberKind.Type, shortId, NoticeKind), cancellationToken);
    }
}
