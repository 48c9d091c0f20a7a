using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Health;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Events;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Logging;
using PrivacyFunctions.Platform.Products;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions;

/// <summary>
/// The one composition root (docs/architecture.md): <c>Program.cs</c> and the tests build the same service graph from it.
/// Each feature and platform piece registers itself; options are validated at start.
/// </summary>
public static class PrivacyFunctionsComposition
{
    public static IServiceCollection AddPrivacyFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddPrivacyLogging();
        services.AddValidatedOptions(new HttpOptionsValidation()).Bind(configuration.GetSection(HttpOptions.Section));
        services.AddValidatedOptions(new ProcessorOptionsValidation()).Bind(configuration.GetSection(ProcessorOptions.Section));
        services.AddSingleton(new ProductCatalog(configuration));

        services.AddPlatformStorage(configuration);
        services.AddDueWork(configuration);
        services.AddIntegrationEvents(configuration);
        services.AddEmail(configuration);
        services.AddSecurity(configuration);
        services.AddAudit();
        services.AddAggregateChanges();

        services.AddCustomers();
        services.AddDataSubjectRequests(configuration);
        services.AddSubProcessors(configuration);
        services.AddBreaches(configuration);
        services.AddRetention(configuration);
        services.AddHousekeeping(configuration);
        services.AddValidatedOptions(new HealthOptionsValidation()).Bind(configuration.GetSection(HealthOptions.Section));
        services.AddSingleton<HealthCheck>();
        return services;
    }
}
