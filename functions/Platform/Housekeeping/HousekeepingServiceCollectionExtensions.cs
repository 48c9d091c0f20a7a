using Microsoft.Extensions.Configuration;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Housekeeping;

namespace Microsoft.Extensions.DependencyInjection;

public static class HousekeepingServiceCollectionExtensions
{
    /// <summary>
    /// Housekeeping (options <c>Housekeeping:*</c>): the <c>housekeeping.sweep</c> due handler that deletes old webhook ids
    /// and erases old settled email deliveries, and the sweep the <c>Housekeeping</c> timer runs.
    /// </summary>
    public static IServiceCollection AddHousekeeping(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions(new HousekeepingOptionsValidation()).Bind(configuration.GetSection(HousekeepingOptions.Section));
        services.AddDueHandler<HousekeepingSweepHandler>();
        services.AddSingleton<HousekeepingSweep>();
        return services;
    }
}
