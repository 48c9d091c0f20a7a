using Microsoft.Extensions.Configuration;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Products;

/// <summary>
/// The processor's products — the systems that hold customer data and call our webhooks — as configured under
/// <c>Products:{productId}:*</c> (e.g. <c>Products__einvoicing__WebhookSecret</c> in app settings).
/// </summary>
public sealed class ProductCatalog
{
    public ProductCatalog(IConfiguration configuration)
    {
        Ids = configuration.GetSection("Products").GetChildren()
            .Select(c => c.Key)
            .Where(id => JsonFields.IdPattern().IsMatch(id))
            .ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> Ids { get; }

    public bool Contains(string productId) => Ids.Contains(productId);
}
