using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacyFunctions.DataSubjectRequests.Due;
using PrivacyFunctions.DataSubjectRequests.Effects;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.DataSubjectRequests;

public static class DsrServiceCollectionExtensions
{
    public static IServiceCollection AddDataSubjectRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions(new DsrOptionsValidation()).Bind(configuration.GetSection(DsrOptions.Section));
        services.AddAggregate<DsrKind, DataSubjectRequest>();
        services.AddSingleton<DsrStore>();
        services.AddSingleton<DsrMail>();
        services.AddEffect<ForwardToCustomer, ForwardToCustomerHandler>("dsr.forward-to-customer");
        services.AddEffect<AlertDpoOfEscalation, AlertDpoOfEscalationHandler>("dsr.alert-dpo-of-escalation");
        services.AddEffect<TellCustomerTheOutcome, TellCustomerTheOutcomeHandler>("dsr.tell-customer-the-outcome");
        services.AddEffect<RelayReplyToEndUser, RelayReplyToEndUserHandler>("dsr.relay-reply-to-end-user");
        services.AddSingleton<DsrChanges>();
        services.AddSingleton<DsrCustomerCopies>();
        services.AddSingleton<PrivacyFunctions.Customers.ICustomerCopies>(sp => sp.GetRequiredService<DsrCustomerCopies>());
        services.AddDueHandler<DsrCustomerCopiesPass>();
        services.AddSingleton<DsrForwardingQueue>();
        services.AddSingleton<ForwardingPoison>();
        services.AddSingleton<ForwardingWatch>();
        services.AddSingleton<DsrIntake>();
        services.AddSingleton<DsrForwarding>();
        services.AddSingleton<DsrSweep>();
        services.AddDueHandler<DsrForwardingRedrive>();
        services.AddDueHandler<DsrDeadlineWatch>();
        services.AddSingleton<SubjectErasure>();
        services.AddDueHandler<DsrSubjectErasure>();
        services.AddSingleton<DsrQueries>();
        services.AddSingleton<DsrProductActions>();
        services.AddSingleton<DsrCustomerActions>();
        services.AddSingleton<DsrInstructionLinks>();
        return services;
    }
}
