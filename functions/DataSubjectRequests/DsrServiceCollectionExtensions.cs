using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.DataSubjectRequests;

public static class DsrServiceCollectionExtensions
{
    public static IServiceCollection AddDataSubjectRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions(new DsrOptionsValidation()).Bind(configuration.GetSection(DsrOptions.Section));
        services.AddSingleton<DsrStore>();
        services.AddSingleton<DsrMail>();
        services.AddSingleton<DsrEffects>();
        services.AddSingleton<DsrChanges>();
        services.AddSingleton<DsrForwardingQueue>();
        services.AddSingleton<DsrIntake>();
        services.AddSingleton<DsrForwarding>();
        services.AddSingleton<DsrSweep>();
        services.AddSingleton<DsrQueries>();
        services.AddSingleton<DsrProductActions>();
        services.AddSingleton<DsrCustomerActions>();
        return services;
    }
}
