using System.Text.Json.Nodes;
using PrivacyFunctions.Infra.Tests.Bicep;

namespace PrivacyFunctions.Infra.Tests;

public sealed class SecurityPromiseTests
{
    public static TheoryData<string, string> PromisesAndSources()
    {
        var data = new TheoryData<string, string>();
        foreach (var promise in SecurityPromises.All.Keys)
        {
            data.Add(promise, "compiled");
            data.Add(promise, "snapshot");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PromisesAndSources))]
    public async Task Promise_holds(string promise, string source)
    {
        var resources = await Load(source);

        var violations = SecurityPromises.All[promise](resources).ToList();

        Assert.True(violations.Count == 0, $"{promise} broken in the {resources}:\n{string.Join('\n', violations)}");
    }

    /// <summary>Each promise check notices when the template breaks it.</summary>
    [Theory]
    [InlineData(nameof(SecurityPromises.StorageIsKeylessAndTls12), "compiled", "Microsoft.Storage/storageAccounts", "properties.allowSharedKeyAccess", "true")]
    [InlineData(nameof(SecurityPromises.StorageIsKeylessAndTls12), "compiled", "Microsoft.Storage/storageAccounts", "properties.minimumTlsVersion", "\"TLS1_0\"")]
    [InlineData(nameof(SecurityPromises.StorageIsKeylessAndTls12), "compiled", "Microsoft.Storage/storageAccounts", "properties.allowBlobPublicAccess", "true")]
    [InlineData(nameof(SecurityPromises.FunctionAppIsHttpsOnlyWithoutBasicAuth), "compiled", "Microsoft.Web/sites", "properties.httpsOnly", "false")]
    [InlineData(nameof(SecurityPromises.FunctionAppIsHttpsOnlyWithoutBasicAuth), "compiled", "Microsoft.Web/sites/basicPublishingCredentialsPolicies", "properties.allow", "true")]
    [InlineData(nameof(SecurityPromises.ServiceBusIsKeyless), "compiled", "Microsoft.ServiceBus/namespaces", "properties.disableLocalAuth", "false")]
    [InlineData(nameof(SecurityPromises.TopicDetectsDuplicatesForADay), "compiled", "Microsoft.ServiceBus/namespaces/topics", "properties.requiresDuplicateDetection", "false")]
    [InlineData(nameof(SecurityPromises.TopicDetectsDuplicatesForADay), "compiled", "Microsoft.ServiceBus/namespaces/topics", "properties.duplicateDetectionHistoryTimeWindow", "\"PT10M\"")]
    [InlineData(nameof(SecurityPromises.RoleAssignmentsAreLeastPrivilege), "compiled", "Microsoft.Authorization/roleAssignments", "properties.roleDefinitionId",
        "\"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]\"")] // Owner
    [InlineData(nameof(SecurityPromises.RoleAssignmentsAreLeastPrivilege), "snapshot", "Microsoft.Authorization/roleAssignments", "properties.roleDefinitionId",
        "\"/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c\"")] // Contributor
    [InlineData(nameof(SecurityPromises.RoleAssignmentsAreLeastPrivilege), "compiled", "Microsoft.Authorization/roleAssignments", "name", "\"[newGuid()]\"")]
    [InlineData(nameof(SecurityPromises.NoKeyOrConnectionStringInAppSettings), "compiled", "Microsoft.Web/sites/config", "properties",
        "\"[union(parameters('appSettings'), createObject('Storage', listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2024-01-01').keys[0].value))]\"")]
    [InlineData(nameof(SecurityPromises.NoKeyOrConnectionStringInAppSettings), "snapshot", "Microsoft.Web/sites/config", "properties.ServiceBus__connectionString",
        "\"Endpoint=sb://sb.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=abc=\"")]
    [InlineData(nameof(SecurityPromises.NoKeyOrConnectionStringInAppSettings), "snapshot", "Microsoft.Web/sites/config", "properties.AzureWebJobsStorage",
        "\"[concat('DefaultEndpointsProtocol=https;AccountName=st;AccountKey=', 'k')]\"")]
    [InlineData(nameof(SecurityPromises.KeyVaultIsRbacWithPurgeProtection), "compiled", "Microsoft.KeyVault/vaults", "properties.enablePurgeProtection", "false")]
    [InlineData(nameof(SecurityPromises.KeyVaultIsRbacWithPurgeProtection), "compiled", "Microsoft.KeyVault/vaults", "properties.enableRbacAuthorization", "false")]
    [InlineData(nameof(SecurityPromises.ResourcesStayInTheEu), "compiled", "Microsoft.Communication/emailServices", "properties.dataLocation", "\"United States\"")]
    [InlineData(nameof(SecurityPromises.ResourcesStayInTheEu), "snapshot", "Microsoft.KeyVault/vaults", "location", "\"eastus\"")]
    public async Task Promise_check_notices_a_broken_template(string promise, string source, string type, string path, string json)
    {
        var document = source == "compiled" ? await InfraTemplates.CompiledAsync() : await InfraTemplates.SnapshotAsync();
        var broken = TemplateMutation.Set(document, type, path, JsonNode.Parse(json)!);
        var resources = source == "compiled" ? ArmResources.FromCompiled(broken) : ArmResources.FromSnapshot(broken);

        Assert.NotEmpty(SecurityPromises.All[promise](resources));
    }

    [Fact]
    public async Task Location_parameter_allows_only_EU_regions()
    {
        var location = (await InfraTemplates.CompiledAsync())["parameters"]!["location"]!.AsObject();

        var allowed = location["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.NotEmpty(allowed);
        Assert.All(allowed, region => Assert.Contains(region, SecurityPromises.EuRegions));
        // No default: a default such as resourceGroup().location would bypass nothing (@allowed still applies),
        // but an explicit region in the parameter file keeps the choice visible.
        Assert.Null(location["defaultValue"]);
    }

    [Fact]
    public async Task Every_regional_resource_follows_the_location_parameter()
    {
        var snapshot = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync());
        var devLocation = (await InfraTemplates.DevParametersAsync())["location"]!["value"]!.GetValue<string>();

        var locations = snapshot.All.Select(r => r.Text("location")).OfType<string>().Where(l => l != "global").Distinct().ToList();

        Assert.Equal([devLocation], locations);
    }

    private static async Task<ArmResources> Load(string source) => source switch
    {
        "compiled" => ArmResources.FromCompiled(await InfraTemplates.CompiledAsync()),
        "snapshot" => ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync()),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
