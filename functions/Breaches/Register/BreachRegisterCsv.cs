using System.Globalization;
using System.Text;
using PrivacyFunctions.Platform.Audit;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// The Art. 33(5) export as RFC 4180 CSV: a header row, CRLF line ends, one row per (breach, notified customer) and one
/// row with empty customer columns for a breach without notified customers. Lists are joined with <c>"; "</c>;
/// instants are UTC (<c>…Z</c>); fields with a comma, quote, CR or LF are quoted with quotes doubled.
/// </summary>
public static class BreachRegisterCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] Columns =
    [
        "breachId", "status", "source", "awareAt", "detectedAt", "title", "nature", "dataSubjectCategories", "dataSubjectsApprox",
        "recordCategories", "recordsApprox", "contactPoint", "likelyConsequences", "measures", "missing", "assessmentOutcome",
        "assessmentReason", "assessedAt", "noticesSent", "notices", "closedAt", "customerId", "notifiedAt", "acknowledgedAt",
        "acknowledgedRole",
    ];

    public static string Header => string.Join(',', Columns);

    public static string ToCsv(BreachExport export)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var b in export.Breaches)
        {
            if (b.Customers.Count == 0) Row(csv, b, null);
            foreach (var c in b.Customers) Row(csv, b, c);
        }
        return csv.ToString();
    }

    /// <summary>e.g. <c>breach-register-20260101T000000Z-20260401T000000Z.csv</c> (only letters, digits, '-' and '.').</summary>
    public static string FileName(DateTimeOffset from, DateTimeOffset to) =>
        $"breach-register-{Compact(from)}-{Compact(to)}.csv";

    private static void Row(StringBuilder csv, BreachExportItem b, BreachExportCustomer? c)
    {
        var f = b.Facts;
        string[] fields =
        [
            b.BreachId, b.Status, b.Source, Instant(b.AwareAt), Instant(f.DetectedAt), f.Title, f.Nature ?? "", List(f.DataSubjectCategories),
            Number(f.DataSubjectsApprox), List(f.RecordCategories), Number(f.RecordsApprox), f.ContactPoint ?? "", f.LikelyConsequences ?? "",
            f.Measures ?? "", List(f.Missing()),
            b.Assessment is null ? "" : b.Assessment.Notifiable ? "notifiable" : "notNotifiable", b.Assessment?.Reason ?? "",
            Instant(b.Assessment?.AssessedAt), b.Notices.Count.ToString(CultureInfo.InvariantCulture),
            string.Join("; ", b.Notices.Select(n => n.Tag)), Instant(b.ClosedAt),
            c?.CustomerId ?? "", Instant(c?.NotifiedAt), Instant(c?.AcknowledgedAt), c?.AcknowledgedRole ?? "",
        ];
        csv.AppendJoin(',', fields.Select(AuditRendering.CsvField)).Append("\r\n");
    }

    private static string List(IReadOnlyList<string>? values) => values is null ? "" : string.Join("; ", values);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Instant(DateTimeOffset? at) => at is { } a ? AuditEntry.FormatInstant(a) : "";

    private static string Compact(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
