using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using PrivacyFunctions.Platform.Events;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

public sealed class IntegrationEventTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private static readonly DateTimeOffset At = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private static IntegrationEvent Targeted() =>
        new("dsr.forwarded.r-123", "dsr.forwarded", "dsr/r-123", At, new JsonObject { ["requestId"] = "r-123" }, ProductId: "einvoicing");

    [Fact]
    public async Task Locally_events_land_in_the_integration_events_table_once_per_id()
    {
        var publisher = _app.Get<IIntegrationEventPublisher>();
        Assert.IsType<TableEventPublisher>(publisher);

        await publisher.PublishAsync(Targeted());
        await publisher.PublishAsync(Targeted()); // a retried step

        var row = Assert.Single(await _app.RowsAsync(StorageNames.Tables.IntegrationEvents));
        Assert.Equal("dsr.forwarded.r-123", row.RowKey);
        Assert.Equal("einvoicing", row.GetString("ProductId"));
        var envelope = JsonDocument.Parse(row.GetString("CloudEvent")).RootElement;
        Assert.Equal("1.0", envelope.GetProperty("specversion").GetString());
        Assert.Equal("eu.privacyfunctions.dsr.forwarded", envelope.GetProperty("type").GetString());
        Assert.Equal("/privacy-functions", envelope.GetProperty("source").GetString());
        Assert.Equal("r-123", envelope.GetProperty("data").GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task On_service_bus_the_message_id_is_the_event_id_and_targeted_events_carry_the_product()
    {
        var sent = new List<ServiceBusMessage>();
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => sent.Add(m))
            .Returns(Task.CompletedTask);
        var publisher = new ServiceBusEventPublisher(sender.Object, Options.Create(new IntegrationEventOptions()));

        await publisher.PublishAsync(Targeted());
        await publisher.PublishAsync(Targeted() with { Id = "breach.opened.b-1", Type = "breach.opened", ProductId = null });

        Assert.Equal("dsr.forwarded.r-123", sent[0].MessageId);
        Assert.Equal("application/cloudevents+json", sent[0].ContentType);
        Assert.Equal("einvoicing", sent[0].ApplicationProperties["productId"]);
        Assert.Equal("dsr.forwarded.r-123", JsonDocument.Parse(sent[0].Body.ToString()).RootElement.GetProperty("id").GetString());
        Assert.False(sent[1].ApplicationProperties.ContainsKey("productId")); // broadcast: every subscription's broadcast rule matches
    }

    [Fact]
    public void Service_bus_transport_is_chosen_by_configuration()
    {
        var app = new TestApp(new()
        {
            ["IntegrationEvents:Transport"] = "ServiceBus",
            ["ServiceBus:fullyQualifiedNamespace"] = "sb-test.servicebus.windows.net",
        }, services => services.AddSingleton(new Mock<ServiceBusSender>().Object));

        Assert.IsType<ServiceBusEventPublisher>(app.Get<IIntegrationEventPublisher>());
    }

    [Theory]
    [InlineData("Production", "Table", null, "must be ServiceBus outside Development")]
    [InlineData("Production", "ServiceBus", null, "ServiceBus:fullyQualifiedNamespace")]
    [InlineData("Development", "Kafka", null, "IntegrationEvents:Transport")]
    public void Production_refuses_to_start_without_service_bus(string environment, string transport, string? ns, string message)
    {
        var app = new TestApp(new()
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = environment,
            ["IntegrationEvents:Transport"] = transport,
            ["ServiceBus:fullyQualifiedNamespace"] = ns,
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Get<IStartupValidator>().Validate());
        Assert.Contains(message, error.ToString());
    }
}
