namespace PrivacyFunctions.Platform.Security;

/// <summary>
/// Settings of the signed links sent to customers and subscribers (section <c>Links</c>).
/// <c>Links:SigningKey</c> (base64, ≥ 32 bytes) signs new links; <c>Links:PreviousSigningKeys</c>
/// (comma-separated) still verify links signed before a rotation; <c>Links:BaseUrl</c> is the public
/// address links point to.
/// </summary>
public sealed class LinkOptions
{
    public const string Section = "Links";
    public const int MinKeyBytes = 32;

    public string? SigningKey { get; set; }
    public string? PreviousSigningKeys { get; set; }
    public string? BaseUrl { get; set; }
}
