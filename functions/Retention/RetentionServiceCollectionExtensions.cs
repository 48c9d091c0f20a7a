using Microsoft.Extensions.Configuration;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Retention;

namespace Microsoft.Extensions.DependencyInjection;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The end of contract (docs/retention.md): options, the disposition and legal-hold aggregates, their effects, due handlers of family <c>retention</c>.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions(new RetentionOptionsValidation()).Bind(configuration.GetSection(RetentionOptions.Section));
        services.AddAggregate<DispositionKind, Disposition>();
        services.AddAggregate<LegalHoldKind, LegalHold>();
        services.AddEffect<MailCustomer, MailCustomerHandler>("retention.mail-customer");
        services.AddEffect<FollowUpPurges, FollowUpPurgesHandler>("retention.follow-up-purges");
        services.AddEffect<AlertDpoOfRetention, AlertDpoOfRetentionHandler>("retention.alert-dpo");
        services.AddEffect<EndCustomer, EndCustomerHandler>("retention.end-customer");
        services.AddEffect<PrivacyFunctions.SubProcessors.ContractTerminatedByObjection, TerminationByObjectionHandler>("subprocessor.contract-terminated");
        services.AddSingleton<RetentionStore>();
        services.AddSingleton<RetentionActions>();
        services.AddSingleton<RetentionMail>();
        services.AddSingleton<RetentionChoiceLinks>();
        services.AddDueHandler<ChoiceReminder>();
        services.AddDueHandler<ChoiceDeadline>();
        services.AddDueHandler<DisposeAtEnd>();
        services.AddDueHandler<ConfirmCheck>();
        services.AddDueHandler<HoldExpiry>();
        services.AddDueHandler<HoldReview>();
        services.AddDueHandler<EndCustomerRetry>();
        services.AddSingleton(RetentionTexts.ByLanguage);
        return services;
    }
}
