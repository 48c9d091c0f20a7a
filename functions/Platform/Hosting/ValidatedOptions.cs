using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Hosting;

/// <summary>
/// The one convention for options (docs/architecture.md): each <c>XOptions</c> has one
/// <c>XOptionsValidation : IValidateOptions&lt;XOptions&gt;</c> that reports every failure at once, each message
/// starting with the setting's name (<c>Section:Key …</c>), and is registered here with <c>ValidateOnStart</c>.
/// Reading a setting that is more than a section bind is an <c>XOptionsSetup : IConfigureOptions</c>, which only reads.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Registers <paramref name="validation"/> as the validator of <typeparamref name="TOptions"/>, run at start.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, IValidateOptions<TOptions> validation)
        where TOptions : class
    {
        services.AddSingleton(validation);
        return services.AddOptions<TOptions>().ValidateOnStart();
    }

    /// <summary>Success when there is no failure, else every failure.</summary>
    public static ValidateOptionsResult Result(IReadOnlyCollection<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
