using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>Which data subject right is exercised (GDPR Art. 15–22).</summary>
public enum DsrType
{
    Access,
    Rectification,
    Erasure,
    Restriction,
    Portability,
    Objection,
    AutomatedDecision,
    Other,
}

public static class DsrTypes
{
    public static readonly WireNames<DsrType> Wire = new(
        (DsrType.Access, "access"),
        (DsrType.Rectification, "rectification"),
        (DsrType.Erasure, "erasure"),
        (DsrType.Restriction, "restriction"),
        (DsrType.Portability, "portability"),
        (DsrType.Objection, "objection"),
        (DsrType.AutomatedDecision, "automatedDecision"),
        (DsrType.Other, "other"));

    public static string ToWire(this DsrType type) => Wire.Of(type);
}
