using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Health;

public sealed class HealthOptionsValidation : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var failures = new List<string>();
        if (options.ProbeTimeout < TimeSpan.FromMilliseconds(100) || options.ProbeTimeout > TimeSpan.FromSeconds(30))
            failures.Add("Health:ProbeTimeout must be between 00:00:00.1 and 00:00:30.");
        return ValidatedOptions.Result(failures);
    }
}
