using PrivacyFunctions.Infra.Tests.Bicep;

namespace PrivacyFunctions.Infra.Tests;

/// <summary>
/// A targeted event carries the application property productId, a broadcast carries none.
/// Each product's subscription receives exactly its own events and the broadcasts — no catch-all rule.
/// </summary>
public sealed class IntegrationEventRoutingTests
{
    [Fact]
    public async Task Each_product_has_one_subscription_on_the_topic()
    {
        var resources = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync());
        var topic = resources.OfType("Microsoft.ServiceBus/namespaces/topics").Single().Name;

        var subscriptions = resources.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions").Select(s => s.Name).Order();

        Assert.Equal((await InfraTemplates.DevProductIdsAsync()).Select(id => $"{topic}/{id}").Order(), subscriptions);
    }

    [Fact]
    public async Task Each_subscription_receives_its_products_events_and_broadcasts_only()
    {
        var resources = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync());
        var rules = resources.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions/rules").ToList();

        foreach (var id in await InfraTemplates.DevProductIdsAsync())
        {
            var own = rules.Where(r => r.Name.Split('/')[^2] == id).ToList();
            Assert.All(own, r => Assert.Equal("SqlFilter", r.Text("properties.filterType")));
            var expressions = own.Select(r => r.Text("properties.sqlFilter.sqlExpression")).Order();
            Assert.Equal(new[] { "productId IS NULL", $"productId = '{id}'" }.Order(), expressions);
            // The service's catch-all $Default (TrueFilter) is replaced, not left beside the filters.
            Assert.Contains(own, r => r.Name.EndsWith("/$Default", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task App_may_only_send_and_only_to_the_topic()
    {
        var resources = ArmResources.FromSnapshot(await InfraTemplates.SnapshotAsync());
        var topicId = resources.OfType("Microsoft.ServiceBus/namespaces/topics").Single().Body["id"]!.GetValue<string>();

        var serviceBusAssignments = resources.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Name.Contains("Microsoft.ServiceBus", StringComparison.Ordinal)).ToList();

        var sender = Assert.Single(serviceBusAssignments);
        Assert.EndsWith("/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", sender.Text("properties.roleDefinitionId"), StringComparison.Ordinal);
        Assert.StartsWith($"[guid('{topicId}',", sender.Name, StringComparison.Ordinal);
    }
}
