using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Security;

public sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        foreach (var productId in options.ConfiguredProducts.Where(id => !options.ProductKeys.ContainsKey(id)))
        {
            var setting = $"{WebhookOptions.ProductsSection}:{productId}:{WebhookOptions.SecretKey}";
            failures.Add(JsonFields.IdPattern().IsMatch(productId)
                ? $"{setting} must be 'whsec_' followed by the base64 of {WebhookSecret.MinBytes}–{WebhookSecret.MaxBytes} random bytes."
                : $"{setting}: the product id must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        return ValidatedOptions.Result(failures);
    }
}
