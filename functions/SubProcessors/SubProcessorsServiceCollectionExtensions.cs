using Microsoft.Extensions.Configuration;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.SubProcessors;

namespace Microsoft.Extensions.DependencyInjection;

public static class SubProcessorsServiceCollectionExtensions
{
    /// <summary>
    /// Sub-processor register and change notices (docs/subprocessors.md): options (<c>SubProcessors:*</c>, the 5-day
    /// floor checked at start), the change and objection aggregates with their effects, the fan-out, the due handlers
    /// of family <c>subprocessor</c>, and the mailing list.
    /// </summary>
    public static IServiceCollection AddSubProcessors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions(new SubProcessorOptionsValidation()).Bind(configuration.GetSection(SubProcessorOptions.Section));
        services.AddAggregate<ChangeKind, SubProcessorChange>();
        services.AddAggregate<ObjectionKind, Objection>();
        services.AddEffect<StartNotices, StartNoticesHandler>("subprocessor.start-notices");
        services.AddEffect<ApplyToRegister, ApplyToRegisterHandler>("subprocessor.apply-to-register");
        services.AddEffect<AlertDpo, AlertDpoHandler>("subprocessor.alert-dpo");
        services.AddEffect<ReleaseAfterObjection, ReleaseAfterObjectionHandler>("subprocessor.release-after-objection");
        services.AddSingleton<RegisterStore>();
        services.AddSingleton<AggregatesOfSubProcessors>();
        services.AddSingleton<ChangeAnnouncements>();
        services.AddSingleton<ChangeQueries>();
        services.AddSingleton<NoticeQueue>();
        services.AddSingleton<NoticeDeliveries>();
        services.AddSingleton<AffectedCustomers>();
        services.AddSingleton<NoticeFanOut>();
        services.AddSingleton<ObjectionStore>();
        services.AddSingleton<ObjectionActions>();
        services.AddSingleton<ObjectionLinks>();
        services.AddSingleton<HeldCustomers>();
        services.AddSingleton<SubProcessorSweep>();
        services.AddDueHandler<ChangeActivation>();
        services.AddDueHandler<HeldCustomerRelease>();
        services.AddDueHandler<PreActivationCheck>();
        services.AddSingleton(SubProcessorTexts.ByLanguage);
        services.AddSubProcessorSubscriptions();
        return services;
    }
}
