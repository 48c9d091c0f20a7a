using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.DataSubjectRequests;

public static class DsrServiceCollectionExtensions
{
    public static IServiceCollection AddDataSubjectRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DsrOptions>().Bind(configuration.GetSection(DsrOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DsrOptions>, DsrOptionsValidation>();
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
        services.AddSingleton<DsrInstructionLinks>();
        return services;
    }
}

internal sealed class DsrOptionsValidation : IValidateOptions<DsrOptions>
{
    public ValidateOptionsResult Validate(string? name, DsrOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
