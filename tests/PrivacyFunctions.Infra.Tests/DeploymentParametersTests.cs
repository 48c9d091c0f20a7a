using PrivacyFunctions.Infra.Tests.Bicep;

namespace PrivacyFunctions.Infra.Tests;

/// <summary>What an operator must be able to set per environment, and a re-deploy that cannot collide.</summary>
public sealed class DeploymentParametersTests
{
    [Fact]
    public async Task The_parameter_file_sets_the_processor_name_every_DSR_email_shows()
    {
        var parameters = await InfraTemplates.DevParametersAsync();

        Assert.False(string.IsNullOrWhiteSpace(parameters["processorDisplayName"]?["value"]?.GetValue<string>()),
            "infra/main.bicepparam must set processorDisplayName: end-users and customers read it in every DSR email");
    }

    [Fact]
    public async Task The_Key_Vault_name_follows_its_seed_so_a_new_vault_can_follow_a_deleted_resource_group()
    {
        // With purge protection a deleted vault keeps its name for 90 days; a new seed gives a new name.
        var template = await InfraTemplates.CompiledAsync();
        var name = template["resources"]!["keyVault"]!["properties"]!["parameters"]!["name"]!["value"]!.GetValue<string>();

        Assert.Contains("parameters('keyVaultNameSeed')", name, StringComparison.Ordinal);
        Assert.Contains("resourceGroup().id", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Function_App_carries_the_azd_service_tag_of_azure_yaml()
    {
        var app = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync()).OfType("Microsoft.Web/sites").Single();
        var azureYaml = await File.ReadAllTextAsync(Path.Combine(InfraDirectory.Path, "..", "azure.yaml"));

        Assert.Equal("api", app.Text("tags.azd-service-name"));
        Assert.Contains("services:\n  api:\n    project: ./functions/", azureYaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
