using System.Text.Json.Nodes;
using PrivacyFunctions.Infra.Tests.Bicep;

namespace PrivacyFunctions.Infra.Tests;

/// <summary>
/// Every setting the app reads in production (Service Bus and ACS transports selected) is provided by the
/// template's app settings, read from the dev snapshot (the template evaluated with infra/main.bicepparam).
/// Keep <see cref="RequiredSettings"/> in step with the options the composition root binds;
/// <see cref="ProductionStartupTests"/> checks the same settings against the app's own start-up validation.
/// </summary>
public sealed class AppSettingsCoverageTests
{
    /// <summary>Production settings; <c>:</c> in configuration is <c>__</c> in app settings.</summary>
    public static readonly string[] RequiredSettings =
    [
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AZURE_FUNCTIONS_ENVIRONMENT",
        "IntegrationEvents__Transport",
        "IntegrationEvents__TopicName",
        "ServiceBus__fullyQualifiedNamespace",
        "ServiceBus__credential",
        "ServiceBus__clientId",
        "Email__Transport",
        "Email__Acs__Endpoint",
        "Email__Acs__ClientId",
        "Email__SenderAddress",
        "Email__SenderName",
        "Email__DpoMailbox",
        "Processor__DisplayName",
        "Dsr__SweepSchedule",
        "SubProcessors__SweepSchedule",
        "Breach__SweepSchedule",
        "Retention__SweepSchedule",
        "Housekeeping__SweepSchedule",
        "Links__SigningKey",
        "Links__BaseUrl",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>Per product id: <c>Products__{id}__WebhookSecret</c>.</summary>
    public static readonly string[] RequiredProductSettings = ["WebhookSecret"];

    [Fact]
    public async Task Template_provides_every_production_setting()
    {
        var settings = await AppSettingsAsync();
        var required = RequiredSettings.Concat(
            from id in await InfraTemplates.DevProductIdsAsync()
            from setting in RequiredProductSettings
            select $"Products__{id}__{setting}");

        var missing = required.Where(name => !settings.ContainsKey(name)).ToList();

        Assert.True(missing.Count == 0, "App settings missing from the template: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("AZURE_FUNCTIONS_ENVIRONMENT", "Production")]
    [InlineData("AzureWebJobsStorage__credential", "managedidentity")]
    [InlineData("ServiceBus__credential", "managedidentity")]
    [InlineData("IntegrationEvents__Transport", "ServiceBus")]
    [InlineData("IntegrationEvents__TopicName", "integration-events")]
    [InlineData("Email__Transport", "Acs")]
    [InlineData("Email__DpoMailbox", "dpo@example.eu")]
    public async Task Setting_has_its_production_value(string name, string expected)
    {
        var settings = await AppSettingsAsync();

        Assert.Equal(expected, settings[name]?.GetValue<string>());
    }

    [Fact]
    public async Task Every_identity_setting_names_the_one_user_assigned_identity()
    {
        var settings = await AppSettingsAsync();
        var clientIds = new[] { "AzureWebJobsStorage__clientId", "ServiceBus__clientId", "Email__Acs__ClientId" }
            .Select(name => settings[name]!.GetValue<string>()).Distinct().ToList();

        var clientId = Assert.Single(clientIds);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities/", clientId, StringComparison.Ordinal);
        Assert.EndsWith(".clientId]", clientId, StringComparison.Ordinal);
        Assert.Contains(clientId.Trim('[', ']'), settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!.GetValue<string>(), StringComparison.Ordinal);

        var site = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync()).OfType("Microsoft.Web/sites").Single();
        var identityId = site.Text("properties.keyVaultReferenceIdentity");
        Assert.NotNull(identityId);
        Assert.Contains(identityId, clientId, StringComparison.Ordinal);
        Assert.NotNull(site.Value($"identity.userAssignedIdentities")?[identityId]);
    }

    [Fact]
    public async Task Secrets_are_Key_Vault_references_and_nothing_else_is()
    {
        var settings = await AppSettingsAsync();
        var vault = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync()).OfType("Microsoft.KeyVault/vaults").Single().Name;
        var secrets = new Dictionary<string, string> { ["Links__SigningKey"] = "links-signing-key" };
        foreach (var id in await InfraTemplates.DevProductIdsAsync())
            secrets[$"Products__{id}__WebhookSecret"] = $"webhook-secret-{id}";

        foreach (var (name, secretName) in secrets)
            Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName={secretName})", settings[name]!.GetValue<string>());
        var references = settings.Where(s => s.Value?.ToJsonString().Contains("@Microsoft.KeyVault", StringComparison.Ordinal) == true).Select(s => s.Key);
        Assert.Equal(secrets.Keys.Order(), references.Order());
    }

    [Fact]
    public async Task Endpoints_are_https_and_point_at_the_deployed_resources()
    {
        var settings = await AppSettingsAsync();

        Assert.Contains("Microsoft.Storage/storageAccounts/", settings["AzureWebJobsStorage__tableServiceUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(".primaryEndpoints.table]", settings["AzureWebJobsStorage__tableServiceUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(".primaryEndpoints.queue]", settings["AzureWebJobsStorage__queueServiceUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(".primaryEndpoints.blob]", settings["AzureWebJobsStorage__blobServiceUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("[format('https://{0}'", settings["Email__Acs__Endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.Communication/communicationServices/", settings["Email__Acs__Endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("[format('https://{0}'", settings["Links__BaseUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.Web/sites/", settings["Links__BaseUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("DoNotReply", settings["Email__SenderAddress"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(".serviceBusEndpoint", settings["ServiceBus__fullyQualifiedNamespace"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Flex Consumption takes these from functionAppConfig or manages them itself, and rejects them as app settings.</summary>
    [Theory]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("AzureWebJobsStorage")]
    public async Task No_setting_that_Flex_Consumption_or_keyless_storage_rules_out(string name)
    {
        Assert.False((await AppSettingsAsync()).ContainsKey(name), $"{name} must not be an app setting.");
    }

    internal static async Task<JsonObject> AppSettingsAsync()
    {
        var snapshot = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync());
        var config = snapshot.OfType("Microsoft.Web/sites/config").Single(c => c.Name.EndsWith("/appsettings", StringComparison.Ordinal));
        return Assert.IsType<JsonObject>(config.Value("properties"));
    }
}
