using PrivacyFunctions.Platform.Links;

namespace PrivacyFunctions.Retention;

/// <summary>A certificate as a small HTML page: its facts and its canonical JSON, every value encoded.</summary>
public static class CertificatePage
{
    public static string Html(Certificate certificate, string processorName) =>
        LinkPages.Document("en", $"{processorName}: certificate {certificate.CertificateId}",
            LinkPages.Facts([("Certificate", certificate.CertificateId), ("Issued", certificate.IssuedAt.ToString("u")), ("Digest (SHA-256)", certificate.Digest)]) +
            "<pre>" + Platform.Localization.TextTemplate.Encode(certificate.Canonical) + "</pre>");
}
