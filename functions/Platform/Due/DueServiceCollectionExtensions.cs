using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Due;

public static class DueServiceCollectionExtensions
{
    public static IServiceCollection AddDueWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DueOptions>().Bind(configuration.GetSection(DueOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DueOptions>, DueOptionsValidation>());
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

internal sealed class DueOptionsValidation : IValidateOptions<DueOptions>
{
    public ValidateOptionsResult Validate(string? name, DueOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
