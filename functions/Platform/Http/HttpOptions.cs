namespace PrivacyFunctions.Platform.Http;

/// <summary>Section <c>Http</c>.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Largest accepted request body in bytes (default 64 KiB); larger bodies get a 413 before parsing.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
