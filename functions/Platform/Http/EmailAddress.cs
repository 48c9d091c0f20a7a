using System.Text.RegularExpressions;

namespace PrivacyFunctions.Platform.Http;

/// <summary>A plain addr-spec (no display name, no comments, no IP-literal domains): what we send mail to.</summary>
public static partial class EmailAddress
{
    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= 254 } && Pattern().IsMatch(value) && value.IndexOf('@') <= 64;

    [GeneratedRegex(@"\A[A-Za-z0-9!#$%&'*+=^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+=^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\z")]
    private static partial Regex Pattern();
}
