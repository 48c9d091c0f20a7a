using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Due;

public static class DueServiceCollectionExtensions
{
    public static IServiceCollection AddDueWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions(new DueOptionsValidation()).Bind(configuration.GetSection(DueOptions.Section));
        services.TryAddSingleton<DueIndex>();
        services.TryAddSingleton<DueSweep>();
        return services;
    }

    /// <summary>Registers what a capability does when a hint of the handler's kind falls due.</summary>
    public static IServiceCollection AddDueHandler<THandler>(this IServiceCollection services) where THandler : class, IDueHandler
    {
        services.TryAddSingleton<THandler>();
        services.AddSingleton<IDueHandler>(sp => sp.GetRequiredService<THandler>());
        return services;
    }
}
