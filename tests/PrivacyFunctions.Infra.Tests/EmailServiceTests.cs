using System.Text.Json.Nodes;
using PrivacyFunctions.Infra.Tests.Bicep;

namespace PrivacyFunctions.Infra.Tests;

public sealed class EmailServiceTests
{
    [Fact]
    public async Task Dev_sends_from_a_linked_Azure_managed_domain_without_engagement_tracking()
    {
        var resources = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync());
        var domain = resources.OfType("Microsoft.Communication/emailServices/domains").Single();
        var communication = resources.OfType("Microsoft.Communication/communicationServices").Single();

        Assert.Equal("AzureManaged", domain.Text("properties.domainManagement"));
        Assert.Equal("Disabled", domain.Text("properties.userEngagementTracking"));
        var linked = Assert.IsType<JsonArray>(communication.Value("properties.linkedDomains"));
        Assert.Equal(domain.Body["id"]!.GetValue<string>(), Assert.Single(linked)!.GetValue<string>());
    }
}
