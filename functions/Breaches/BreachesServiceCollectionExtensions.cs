using Microsoft.Extensions.Configuration;
using PrivacyFunctions.Breaches;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static class BreachesServiceCollectionExtensions
{
    /// <summary>
    /// Personal-data breach alerts (docs/breaches.md): options (<c>Breach:*</c>), the breach and customer-notice aggregates
    /// with their effects, the fan-out, the acknowledgement page, the due handlers of family <c>breach</c>, the register.
    /// </summary>
    public static IServiceCollection AddBreaches(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions(new BreachOptionsValidation()).Bind(configuration.GetSection(BreachOptions.Section));
        services.AddAggregate<BreachKind, Breach>();
        services.AddAggregate<CustomerNoticeKind, CustomerNotice>();
        services.AddEffect<StartBreachNotices, StartBreachNoticesHandler>("breach.start-notices");
        services.AddEffect<AlertDpoOfBreach, AlertDpoOfBreachHandler>("breach.alert-dpo");
        services.AddSingleton<BreachActions>();
        services.AddSingleton<BreachNoticeQueue>();
        services.AddSingleton<BreachNoticeSnapshots>();
        services.AddSingleton<BreachFanOut>();
        services.AddSingleton<BreachLinks>();
        services.AddSingleton<BreachAcknowledgements>();
        services.AddSingleton<BreachReader>();
        services.AddSingleton<BreachQueries>();
        services.AddDueHandler<BreachAssessSla>();
        services.AddDueHandler<BreachNotifySla>();
        services.AddDueHandler<BreachRenotify>();
        services.AddDueHandler<BreachEscalation>();
        services.AddSingleton(BreachTexts.ByLanguage);
        return services;
    }
}
