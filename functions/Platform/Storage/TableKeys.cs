namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// Table keys never contain unvalidated input: <c>/ \ # ?</c> and control characters are forbidden (Azure Tables
/// refuses them, and a key built from raw input could address another row). Validators run before any write; this
/// guard is the last line, and what it refuses is answered as a 400, never a 500.
/// </summary>
public static class TableKeys
{
    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 512 &&
        !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    public static void EnsureValid(string? value, string what)
    {
        if (!IsValid(value))
            throw new InvalidTableKeyException(what);
    }
}

/// <summary>Input reached a table key unvalidated; the HTTP edge answers it as a bad request naming the part.</summary>
public sealed class InvalidTableKeyException(string what) : ArgumentException($"{what} is not a valid table key part.", what);
