using System.Text.Json;
using System.Text.RegularExpressions;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

/// <summary>
/// The API contract: every function in the built <c>functions.metadata</c> (what the Functions host will
/// load) must match one row of <see cref="Expected"/>, and the README's API table must say the same.
/// Adding, renaming or re-routing a function without updating both fails here.
/// </summary>
public sealed partial class FunctionMetadataContractTests
{
    public sealed record FunctionRow(string Name, string Trigger, string Methods, string Target, string Auth);

    // Trigger: http | queue | timer. Target: the route (under /api), the queue name, or the NCRONTAB schedule.
    public static readonly FunctionRow[] Expected =
    [
        new("Health", "http", "GET", "health", "anonymous"),
        new("PutCustomer", "http", "PUT", "customers/{customerId}", "function"),
        new("GetCustomer", "http", "GET", "customers/{customerId}", "function"),
        new("EmailDelivery", "queue", "—", "email-deliveries", "—"),
        new("EmailDeliveryPoison", "queue", "—", "email-deliveries-poison", "—"),
        new("EffectsCheck", "queue", "—", "effects-checks", "—"),
        new("EffectsCheckPoison", "queue", "—", "effects-checks-poison", "—"),
        new("DsrIntake", "http", "POST", "dsr", "anonymous"),
        new("DsrForwarding", "queue", "—", "dsr-forwarding", "—"),
        new("DsrForwardingPoison", "queue", "—", "dsr-forwarding-poison", "—"),
        new("DsrSweep", "timer", "—", "%Dsr:SweepSchedule%", "—"),
        new("DsrForwardingWatch", "timer", "—", "%Dsr:SweepSchedule%", "—"),
        new("GetDsr", "http", "GET", "dsr/{requestId}", "function"),
        new("ListCustomerDsr", "http", "GET", "customers/{customerId}/dsr", "function"),
        new("CancelDsr", "http", "POST", "dsr/{requestId}/cancel", "anonymous"),
        new("GetDsrInstructionPage", "http", "GET", "dsr/{requestId}/instruction", "anonymous"),
        new("PostDsrInstruction", "http", "POST", "dsr/{requestId}/instruction", "anonymous"),
        new("CompleteDsr", "http", "POST", "dsr/{requestId}/completion", "anonymous"),
        new("GetAuditTrail", "http", "GET", "audit/{aggregateType}/{aggregateId}", "function"),
        new("GetSubProcessorRegister", "http", "GET", "subprocessors", "anonymous"),
        new("ListSubProcessorChanges", "http", "GET", "subprocessors/changes", "anonymous"),
        new("GetSubProcessorFeed", "http", "GET", "subprocessors/feed", "anonymous"),
        new("AnnounceSubProcessorChange", "http", "POST", "subprocessors/changes", "function"),
        new("GetSubProcessorChangeDeliveries", "http", "GET", "subprocessors/changes/{changeId}/deliveries", "function"),
        new("WithdrawSubProcessorChange", "http", "POST", "subprocessors/changes/{changeId}/withdrawal", "function"),
        new("GetObjectionPage", "http", "GET", "subprocessors/changes/{changeId}/objection", "anonymous"),
        new("PostObjection", "http", "POST", "subprocessors/changes/{changeId}/objection", "anonymous"),
        new("RecordObjection", "http", "POST", "subprocessors/objections", "function"),
        new("ListObjections", "http", "GET", "subprocessors/objections", "function"),
        new("ResolveObjection", "http", "POST", "subprocessors/objections/{objectionId}/resolution", "function"),
        new("Subscribe", "http", "POST", "subprocessors/subscriptions", "anonymous"),
        new("GetSubscriptionConfirmation", "http", "GET", "subprocessors/subscriptions/confirmation", "anonymous"),
        new("PostSubscriptionConfirmation", "http", "POST", "subprocessors/subscriptions/confirmation", "anonymous"),
        new("GetUnsubscribePage", "http", "GET", "subprocessors/subscriptions/unsubscribe", "anonymous"),
        new("PostUnsubscribe", "http", "POST", "subprocessors/subscriptions/unsubscribe", "anonymous"),
        new("SubProcessorNotices", "queue", "—", "subprocessor-notices", "—"),
        new("SubProcessorNoticesPoison", "queue", "—", "subprocessor-notices-poison", "—"),
        new("SubProcessorSweep", "timer", "—", "%SubProcessors:SweepSchedule%", "—"),
        new("ReportBreach", "http", "POST", "breaches/reports", "anonymous"),
        new("OpenBreach", "http", "POST", "breaches", "function"),
        new("PatchBreach", "http", "PATCH", "breaches/{breachId}", "function"),
        new("AssessBreach", "http", "POST", "breaches/{breachId}/assessment", "function"),
        new("SendBreachNotices", "http", "POST", "breaches/{breachId}/notices", "function"),
        new("SendBreachUpdate", "http", "POST", "breaches/{breachId}/updates", "function"),
        new("CloseBreach", "http", "POST", "breaches/{breachId}/closure", "function"),
        new("GetBreachAcknowledgementPage", "http", "GET", "breaches/{breachId}/acknowledgement", "anonymous"),
        new("PostBreachAcknowledgement", "http", "POST", "breaches/{breachId}/acknowledgement", "anonymous"),
        new("BreachNotices", "queue", "—", "breach-notices", "—"),
        new("BreachNoticesPoison", "queue", "—", "breach-notices-poison", "—"),
        new("BreachSweep", "timer", "—", "%Breach:SweepSchedule%", "—"),
        new("TerminateContract", "http", "POST", "customers/{customerId}/termination", "function"),
        new("ReportProductTermination", "http", "POST", "retention/product-terminations", "anonymous"),
        new("GetDisposition", "http", "GET", "retention/{dispositionId}", "function"),
        new("ListCustomerDispositions", "http", "GET", "customers/{customerId}/dispositions", "function"),
        new("GetRetentionChoicePage", "http", "GET", "retention/{dispositionId}/choice", "anonymous"),
        new("PostRetentionChoice", "http", "POST", "retention/{dispositionId}/choice", "anonymous"),
        new("ConfirmDisposition", "http", "POST", "retention/{dispositionId}/confirmations", "anonymous"),
        new("PlaceLegalHold", "http", "POST", "customers/{customerId}/legal-holds", "function"),
        new("ListLegalHolds", "http", "GET", "customers/{customerId}/legal-holds", "function"),
        new("ReleaseLegalHold", "http", "POST", "customers/{customerId}/legal-holds/{holdId}/release", "function"),
        new("GetCertificate", "http", "GET", "retention/certificates/{certificateId}", "function"),
        new("VerifyCertificate", "http", "GET", "retention/certificates/{certificateId}/verification", "anonymous"),
        new("RetentionSweep", "timer", "—", "%Retention:SweepSchedule%", "—"),
        new("ListBreaches", "http", "GET", "breaches", "function"),
        new("GetBreach", "http", "GET", "breaches/{breachId}", "function"),
        new("ExportBreaches", "http", "GET", "breaches/export", "function"),
        new("Housekeeping", "timer", "—", "%Housekeeping:SweepSchedule%", "—"),
    ];

    [Fact]
    public void The_built_functions_metadata_matches_the_expected_table()
    {
        var actual = ReadMetadata();

        Assert.Equal(Expected.OrderBy(r => r.Name), actual.OrderBy(r => r.Name));
    }

    [Fact]
    public void The_readme_api_table_mirrors_the_expected_table()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = readme.IndexOf("<!-- api-table:start -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- api-table:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md must hold the API table between <!-- api-table:start --> and <!-- api-table:end -->");

        var rows = readme[start..end].Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => new FunctionRow(Unquote(cells[1]), cells[2], cells[3], Unquote(cells[4]).Replace("/api/", "", StringComparison.Ordinal), cells[5]))
            .ToArray();

        Assert.Equal(Expected.OrderBy(r => r.Name), rows.OrderBy(r => r.Name));
    }

    private static string Unquote(string cell) => cell.Trim('`');

    private static List<FunctionRow> ReadMetadata()
    {
        var configuration = typeof(FunctionMetadataContractTests).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryRoot.Path, "functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build the functions project first");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var rows = new List<FunctionRow>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            var type = trigger.GetProperty("type").GetString()!;
            rows.Add(type switch
            {
                "httpTrigger" => new FunctionRow(function.GetProperty("name").GetString()!, "http",
                    string.Join(", ", trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())),
                    trigger.GetProperty("route").GetString()!, trigger.GetProperty("authLevel").GetString()!.ToLowerInvariant()),
                "queueTrigger" => new FunctionRow(function.GetProperty("name").GetString()!, "queue", "—",
                    trigger.GetProperty("queueName").GetString()!, "—"),
                "timerTrigger" => new FunctionRow(function.GetProperty("name").GetString()!, "timer", "—",
                    trigger.GetProperty("schedule").GetString()!, "—"),
                _ => throw new InvalidOperationException($"Unexpected trigger {type}"),
            });
        }
        return rows;
    }
}
