namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// The storage account the app keeps its state in — the same <c>AzureWebJobsStorage</c> setting the
/// Functions host uses: a connection string locally, or <c>AzureWebJobsStorage__tableServiceUri</c>,
/// <c>__queueServiceUri</c>, <c>__credential</c> (managedidentity) and <c>__clientId</c> in Azure.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "AzureWebJobsStorage";

    public string? ConnectionString { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }
    public string? Credential { get; set; }
    public string? ClientId { get; set; }

    /// <summary>
    /// Prefix for every table and queue name. Tests use it to isolate test classes in one Azurite; it must
    /// stay empty wherever the Functions host runs, because trigger queue names are fixed in the code.
    /// Bound from <c>Storage:NamePrefix</c>.
    /// </summary>
    public string NamePrefix { get; set; } = "";

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);
}
