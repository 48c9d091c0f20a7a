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

    /// <summary>
    /// A timer's schedule (read by its trigger as <c>%Setting%</c>): required, an NCRONTAB expression of five or six fields.
    /// Adds the failure naming <paramref name="setting"/> with <paramref name="example"/> when it is not.
    /// </summary>
    public static void RequireSchedule(ICollection<string> failures, string setting, string? schedule, string example = "0 */15 * * * *")
    {
        if (string.IsNullOrWhiteSpace(schedule) || schedule.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
            failures.Add($"{setting} is required: an NCRONTAB expression such as '{example}'.");
    }

    /// <summary>Success when there is no failure, else every failure.</summary>
    public static ValidateOptionsResult Result(IReadOnlyCollection<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
