using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>Reads <c>AzureWebJobsStorage</c> in both of its shapes (a plain value, or a section of service URIs).</summary>
internal sealed class StorageOptionsSetup(IConfiguration configuration) : IConfigureOptions<StorageOptions>
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

    private static Uri? ParseUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
