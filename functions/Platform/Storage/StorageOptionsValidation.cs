using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Storage;

public sealed partial class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!options.UsesConnectionString)
        {
            if (options.TableServiceUri is null)
                failures.Add("AzureWebJobsStorage is not set: give a connection string, or AzureWebJobsStorage__tableServiceUri (an absolute https URI) with AzureWebJobsStorage__queueServiceUri.");
            if (options.QueueServiceUri is null)
                failures.Add("AzureWebJobsStorage__queueServiceUri is not set (an absolute https URI) and there is no AzureWebJobsStorage connection string.");
        }
        if (!NamePrefixPattern().IsMatch(options.NamePrefix))
            failures.Add("Storage:NamePrefix must be empty or 1–16 lowercase letters and digits, starting with a letter.");
        return ValidatedOptions.Result(failures);
    }

    [GeneratedRegex(@"\A([a-z][a-z0-9]{0,15})?\z")]
    private static partial Regex NamePrefixPattern();
}
