using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Http;

public sealed class HttpOptionsValidation : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBodyBytes is < 1024 or > 4 * 1024 * 1024)
            failures.Add("Http:MaxBodyBytes must be between 1024 and 4194304.");
        return ValidatedOptions.Result(failures);
    }
}
