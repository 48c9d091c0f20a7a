using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions;

/// <summary>
/// The one composition root (DESIGN §2): <c>Program.cs</c> and the tests build the same service graph from it.
/// Each feature and platform piece registers itself; options are validated at start.
/// </summary>
public static class PrivacyFunctionsComposition
{
    public static IServiceCollection AddPrivacyFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddPlatformStorage(configuration);
        services.AddSingleton<DueIndex>();
        services.AddEmail(configuration);
        return services;
    }
}
