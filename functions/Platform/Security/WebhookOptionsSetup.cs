using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Security;

internal sealed class WebhookOptionsSetup(IConfiguration configuration) : IConfigureOptions<WebhookOptions>, IValidateOptions<WebhookOptions>
{
    public void Configure(WebhookOptions options)
    {
        foreach (var product in configuration.GetSection(WebhookOptions.ProductsSection).GetChildren())
        {
            var secret = product[WebhookOptions.SecretKey];
            if (secret is null) continue;
            var setting = $"{WebhookOptions.ProductsSection}:{product.Key}:{WebhookOptions.SecretKey}";
            if (!JsonFields.IdPattern().IsMatch(product.Key))
                options.Problems.Add($"{setting}: the product id must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            else if (!WebhookSecret.TryDecode(secret, out var key))
                options.Problems.Add($"{setting} must be 'whsec_' followed by the base64 of {WebhookSecret.MinBytes}–{WebhookSecret.MaxBytes} random bytes.");
            else
                options.ProductKeys[product.Key] = key;
        }
    }

    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
}
