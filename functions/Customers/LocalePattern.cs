using System.Text.RegularExpressions;

namespace PrivacyFunctions.Customers;

/// <summary>A BCP 47 language tag of the simple form we send mail in: language, optional script, optional region.</summary>
public static partial class LocalePattern
{
    [GeneratedRegex(@"\A[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?\z")]
    public static partial Regex Regex();
}
