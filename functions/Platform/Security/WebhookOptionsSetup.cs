using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Security;

/// <summary>Reads <c>Products:{productId}:WebhookSecret</c>; <see cref="WebhookOptionsValidation"/> names every unusable one.</summary>
internal sealed class WebhookOptionsSetup(IConfiguration configuration) : IConfigureOptions<WebhookOptions>
{
    public void Configure(WebhookOptions options)
    {
        foreach (var product in configuration.GetSection(WebhookOptions.ProductsSection).GetChildren())
        {
            var secret = product[WebhookOptions.SecretKey];
            if (secret is null) continue;
            options.ConfiguredProducts.Add(product.Key);
            if (JsonFields.IdPattern().IsMatch(product.Key) && WebhookSecret.TryDecode(secret, out var key))
                options.ProductKeys[product.Key] = key;
        }
    }
}
