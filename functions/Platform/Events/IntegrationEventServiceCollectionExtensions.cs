using PrivacyFunctions.Platform.Changes;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Events;

public static class IntegrationEventServiceCollectionExtensions
{
    public static IServiceCollection AddIntegrationEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions(new IntegrationEventOptionsValidation(configuration))
            .Bind(configuration.GetSection(IntegrationEventOptions.Section))
            .Configure(o =>
            {
                var serviceBus = configuration.GetSection("ServiceBus");
                o.FullyQualifiedNamespace ??= serviceBus["fullyQualifiedNamespace"];
                o.ClientId ??= serviceBus["clientId"];
                o.ConnectionString ??= serviceBus["connectionString"];
            });

        // Replayable: publishing again sends the same event id, which topic duplicate detection (and the local table's
        // RowKey) drops — so a change whose only effects are events needs no write to clear them.
        services.AddEffect<PublishEvent, PublishEventHandler>("event.publish", replayable: true);
        services.AddSingleton<TableEventPublisher>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IntegrationEventOptions>>().Value;
            return string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new ServiceBusClient(o.FullyQualifiedNamespace, string.IsNullOrWhiteSpace(o.ClientId)
                    ? new DefaultAzureCredential()
                    : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ClientId)))
                : new ServiceBusClient(o.ConnectionString);
        });
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>()
            .CreateSender(sp.GetRequiredService<IOptions<IntegrationEventOptions>>().Value.TopicName));
        services.AddSingleton<ServiceBusEventPublisher>();
        services.AddSingleton<IIntegrationEventPublisher>(sp =>
            sp.GetRequiredService<IOptions<IntegrationEventOptions>>().Value.Transport == IntegrationEventTransport.ServiceBus
                ? sp.GetRequiredService<ServiceBusEventPublisher>()
                : sp.GetRequiredService<TableEventPublisher>());
        return services;
    }
}
