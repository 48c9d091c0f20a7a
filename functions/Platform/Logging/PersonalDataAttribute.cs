using Microsoft.Extensions.Compliance.Classification;

namespace PrivacyFunctions.Platform.Logging;

/// <summary>
/// Data classification for personal data (GDPR Art. 4(1)): email addresses, names, free text from requests.
/// A log parameter marked <c>[PersonalData]</c> is redacted before any logger provider sees it
/// (docs/security.md: logs never contain personal data).
/// </summary>
public static class PrivacyTaxonomy
{
    public const string Name = "PrivacyFunctions";
    public static DataClassification PersonalData => new(Name, nameof(PersonalData));
}

[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(PrivacyTaxonomy.PersonalData);
