using PrivacyFunctions.Infra.Tests.Bicep;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Infra.Tests;

/// <summary>The app's tables and queues exist before it starts; Blob Data Owner reaches only the containers the app owns.</summary>
public sealed class StorageLayoutTests
{
    [Fact]
    public async Task Tables_and_queues_the_app_uses_are_created()
    {
        var resources = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync());

        var tables = resources.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.Name.Split('/')[^1]);
        var queues = resources.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.Name.Split('/')[^1]);

        // Exactly the registry's names (functions/Platform/Storage/StorageNames.cs): none missing, none left over.
        Assert.Equal(StorageNames.Tables.All.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        Assert.Equal(StorageNames.Queues.All.Order(StringComparer.Ordinal), queues.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Blob_Data_Owner_is_granted_on_containers_not_the_account()
    {
        var resources = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync());

        var blobOwners = resources.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Text("properties.roleDefinitionId")!.EndsWith("/b7e6dc6d-f1e8-4753-8033-0f276bb0955b", StringComparison.Ordinal))
            .Select(a => a.Name.Split('\'')[1].Split('/')[^1])
            .Order(StringComparer.Ordinal);

        Assert.Equal(new[] { "app-package", "azure-webjobs-hosts", "azure-webjobs-secrets" }, blobOwners);
    }

    [Fact]
    public async Task Flex_Consumption_deploys_from_the_package_container_with_the_identity()
    {
        var site = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync()).OfType("Microsoft.Web/sites").Single();

        Assert.Equal("blobContainer", site.Text("properties.functionAppConfig.deployment.storage.type"));
        Assert.EndsWith("'app-package')]", site.Text("properties.functionAppConfig.deployment.storage.value"), StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", site.Text("properties.functionAppConfig.deployment.storage.authentication.type"));
        Assert.Equal("dotnet-isolated", site.Text("properties.functionAppConfig.runtime.name"));
        Assert.Equal("10.0", site.Text("properties.functionAppConfig.runtime.version"));
    }
}
