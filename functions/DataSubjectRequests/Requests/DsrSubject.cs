using PrivacyFunctions.Platform.Logging;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>The end-user who made the request. Personal data: never logged, erased after closure.</summary>
public sealed record DsrSubject(
    [property: PersonalData] string Email,
    [property: PersonalData] string? Name,
    string? Locale);
