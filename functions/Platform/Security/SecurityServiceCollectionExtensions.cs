using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Product webhook verification (<c>Products:*:WebhookSecret</c>) and signed links (<c>Links:*</c>), validated at start.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var webhooks = new WebhookOptionsSetup(configuration);
        services.AddSingleton<IConfigureOptions<WebhookOptions>>(webhooks);
        services.AddSingleton<IValidateOptions<WebhookOptions>>(webhooks);
        services.AddOptions<WebhookOptions>().ValidateOnStart();
        services.AddSingleton<WebhookVerifier>();
        services.AddSingleton<WebhookEndpoint>();

        services.AddOptions<LinkOptions>().Bind(configuration.GetSection(LinkOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LinkOptions>, LinkOptionsValidation>();
        services.AddSingleton<LinkTokens>();
        services.AddSingleton<Links.LinkPageGate>();
        return services;
    }
}
