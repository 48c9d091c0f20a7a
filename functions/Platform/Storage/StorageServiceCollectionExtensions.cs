using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddPlatformStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IConfigureOptions<StorageOptions>>(new StorageOptionsSetup(configuration));
        services.AddValidatedOptions(new StorageOptionsValidation());
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton<StoragePipelinePolicy>(sp => sp.GetRequiredService<StorageRequestCounter>());

        services.AddAzureClients(clients =>
        {
            clients.AddClient<TableServiceClient, TableClientOptions>((clientOptions, credential, sp) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                AddPolicies(clientOptions, sp);
                return storage.UsesConnectionString
                    ? new TableServiceClient(storage.ConnectionString, clientOptions)
                    : new TableServiceClient(storage.TableServiceUri, StorageCredential(storage), clientOptions);
            });
            clients.AddClient<QueueServiceClient, QueueClientOptions>((clientOptions, credential, sp) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                AddPolicies(clientOptions, sp);
                // The Functions queue trigger expects Base64 message bodies (host.json messageEncoding).
                clientOptions.MessageEncoding = QueueMessageEncoding.Base64;
                return storage.UsesConnectionString
                    ? new QueueServiceClient(storage.ConnectionString, clientOptions)
                    : new QueueServiceClient(storage.QueueServiceUri, StorageCredential(storage), clientOptions);
            });
        });
        services.AddSingleton<StorageAccount>();
        return services;
    }

    private static void AddPolicies(Azure.Core.ClientOptions clientOptions, IServiceProvider services)
    {
        foreach (var policy in services.GetServices<StoragePipelinePolicy>())
            clientOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
    }

    /// <summary>The user-assigned managed identity named by <c>AzureWebJobsStorage__clientId</c>, as the host uses it.</summary>
    private static TokenCredential StorageCredential(StorageOptions storage) =>
        string.Equals(storage.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(storage.ClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(storage.ClientId))
            : new DefaultAzureCredential();
}
