using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Product webhook verification (<c>Products:*:WebhookSecret</c>) and signed links (<c>Links:*</c>), validated at start.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IConfigureOptions<WebhookOptions>>(new WebhookOptionsSetup(configuration));
        services.AddValidatedOptions(new WebhookOptionsValidation());
        services.AddSingleton<WebhookVerifier>();
        services.AddSingleton<WebhookEndpoint>();

        services.AddValidatedOptions(new LinkOptionsValidation()).Bind(configuration.GetSection(LinkOptions.Section));
        services.AddSingleton<LinkTokens>();
        services.AddSingleton<Links.LinkPageGate>();
        return services;
    }
}
