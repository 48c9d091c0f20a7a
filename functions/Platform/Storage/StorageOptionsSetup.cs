using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>Reads <c>AzureWebJobsStorage</c> in both of its shapes (a plain value, or a section of service URIs).</summary>
internal sealed partial class StorageOptionsSetup(IConfiguration configuration) : IConfigureOptions<StorageOptions>, IValidateOptions<StorageOptions>
{
    public void Configure(StorageOptions options)
    {
        var section = configuration.GetSection(StorageOptions.Section);
        options.ConnectionString = section.Value;
        options.TableServiceUri = ParseUri(section["tableServiceUri"]);
        options.QueueServiceUri = ParseUri(section["queueServiceUri"]);
        options.Credential = section["credential"];
        options.ClientId = section["clientId"];
        options.NamePrefix = configuration["Storage:NamePrefix"] ?? "";
    }

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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static Uri? ParseUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    [GeneratedRegex(@"\A([a-z][a-z0-9]{0,15})?\z")]
    private static partial Regex NamePrefixPattern();
}
