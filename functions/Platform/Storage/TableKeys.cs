namespace PrivacyFunctions.Platform.Storage;

/// <summary>Table keys never contain unvalidated input (DESIGN §4): <c>/ \ # ?</c> and control characters are forbidden.</summary>
public static class TableKeys
{
    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 512 &&
        !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    public static void EnsureValid(string? value, string what)
    {
        if (!IsValid(value))
            throw new ArgumentException($"{what} is not a valid table key part.", what);
    }
}
