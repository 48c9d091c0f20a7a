using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Security;

public sealed class LinkOptionsValidation : IValidateOptions<LinkOptions>
{
    public ValidateOptionsResult Validate(string? name, LinkOptions options)
    {
        var failures = new List<string>();
        if (!TryDecodeKey(options.SigningKey, out _))
            failures.Add($"Links:SigningKey must be set to the base64 of at least {LinkOptions.MinKeyBytes} random bytes (e.g. `openssl rand -base64 32`).");
        if (!string.IsNullOrWhiteSpace(options.PreviousSigningKeys) &&
            SplitKeys(options.PreviousSigningKeys).Any(k => !TryDecodeKey(k, out _)))
            failures.Add($"Links:PreviousSigningKeys must be a comma-separated list of base64 keys of at least {LinkOptions.MinKeyBytes} bytes each.");
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) ||
            (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp) ||
            !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
            failures.Add("Links:BaseUrl must be an absolute http(s) URL without query or fragment, e.g. https://privacy.example.com.");
        return ValidatedOptions.Result(failures);
    }

    internal static IEnumerable<string> SplitKeys(string? keys) =>
        (keys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static bool TryDecodeKey(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text)) return false;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written < LinkOptions.MinKeyBytes) return false;
        key = buffer[..written];
        return true;
    }
}
