using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Breaches;

public enum BreachOutcome { Created, Changed, Repeated, Invalid, Conflict, NotFound, PreconditionFailed, Busy }

public sealed record BreachResult(BreachOutcome Outcome, Stored<Breach>? Breach, ValidationErrors? Errors = null, string? Detail = null);

/// <summary>
/// The DPO office's and the products' commands on a breach, through the kit: report (idempotent on
/// <c>(productId, externalId)</c>), open, correct the facts (If-Match), assess, notify, update, close.
/// </summary>
public sealed partial class BreachActions(
    AggregateChanges changes, BreachKind kind, StorageAccount storage, IOptions<BreachOptions> options, TimeProvider clock, ILogger<BreachActions> logger)
{
    public Task<BreachResult> ReportAsync(BreachRequests.Report report, CancellationToken ct) =>
        OpenAsync(BreachKind.IdFor("product:" + report.ProductId, report.ExternalId), "product:" + report.ProductId, report.ExternalId,
            clock.GetUtcNow(), report.Facts, report.Customers, AuditActors.Product(report.ProductId), ct);

    public Task<BreachResult> OpenAsync(BreachRequests.Open open, CancellationToken ct) =>
        OpenAsync(open.ExternalId is { } external ? BreachKind.IdFor("dpo", external) : BreachKind.IdFor("dpo", Guid.NewGuid().ToString("N")),
            "dpo", open.ExternalId, open.AwareAt ?? clock.GetUtcNow(), open.Facts, [], AuditActors.Admin, ct);

    private async Task<BreachResult> OpenAsync(string breachId, string source, string? externalId, DateTimeOffset awareAt, BreachFacts facts,
        IReadOnlyList<string> customers, string actor, CancellationToken ct)
    {
        var breach = new Breach(breachId, source, externalId, awareAt, facts, BreachStatus.Triage, ReportedCustomers: customers);
        var result = await changes.CreateAsync(kind, breachId, actor, now => BreachDecisions.Open(breach, now, options.Value), ct);
        if (result.Outcome == ChangeOutcome.Changed) LogOpened(logger, breachId, source);
        return Map(result, created: true);
    }

    /// <summary>RFC 7396 merge patch of the facts, conditional on the version the caller read (<c>If-Match</c>).</summary>
    public async Task<BreachResult> CorrectFactsAsync(string breachId, JsonElement patch, string? ifMatch, CancellationToken ct)
    {
        if (ifMatch is null) return new BreachResult(BreachOutcome.PreconditionFailed, null, Detail: "If-Match is required: send the ETag of the breach you read (GET /api/breaches/{breachId}).");
        var stored = await changes.FindFlushedAsync(kind, breachId, ct);
        if (stored is null) return new BreachResult(BreachOutcome.NotFound, null);
        if (BreachETag.Version(ifMatch) is not { } version || version != stored.Version)
            return new BreachResult(BreachOutcome.PreconditionFailed, stored, Detail: "The breach was changed since you read it; read it again.");
        var now = clock.GetUtcNow();
        var (facts, errors) = BreachRequests.ApplyPatch(stored.State.Facts, patch, now, TimeSpan.FromMinutes(5));
        if (facts is null) return new BreachResult(BreachOutcome.Invalid, stored, errors);
        var result = await changes.ApplyAsync(kind, breachId, AuditActors.Admin, (current, _) => BreachDecisions.CorrectFacts(current, facts, version), ct, stored);
        return result.Error == BreachDecisions.Stale
            ? new BreachResult(BreachOutcome.PreconditionFailed, result.Stored, Detail: "The breach was changed since you read it; read it again.")
            : Map(result);
    }

    public async Task<BreachResult> AssessAsync(string breachId, Assessment assessment, CancellationToken ct)
    {
        if (assessment.Scope is { Kind: AffectedScope.List } scope)
        {
            var unknown = scope.Customers.Except(await CustomerIdsAsync(ct), StringComparer.Ordinal).ToArray();
            if (unknown.Length > 0)
            {
                var errors = new ValidationErrors();
                foreach (var id in unknown.Take(20)) errors.Add($"affected.customers[{scope.Customers.ToList().IndexOf(id).ToString(CultureInfo.InvariantCulture)}]", "is not a known customer.");
                return new BreachResult(BreachOutcome.Invalid, null, errors);
            }
        }
        return Map(await changes.ApplyAsync(kind, breachId, AuditActors.Admin, (stored, _) => BreachDecisions.Assess(stored, assessment), ct));
    }

    public async Task<BreachResult> NotifyAsync(string breachId, bool phased, CancellationToken ct)
    {
        var result = await changes.ApplyAsync(kind, breachId, AuditActors.Admin, (stored, now) => BreachDecisions.Notify(stored, phased, now, options.Value), ct);
        if (result.Error != BreachDecisions.Incomplete) return Map(result);
        // Art. 33(3): name each missing element; the DPO may still send an initial phased notice (Art. 33(4)).
        var errors = new ValidationErrors();
        foreach (var field in result.Stored!.State.Facts.Missing())
            errors.Add($"facts.{field}", "is not known yet (GDPR Art. 33(3)). Add it (PATCH), or send an initial phased notice with \"phased\": true that lists it as still being established.");
        return new BreachResult(BreachOutcome.Invalid, result.Stored, errors);
    }

    public async Task<BreachResult> UpdateAsync(string breachId, string text, CancellationToken ct) =>
        Map(await changes.ApplyAsync(kind, breachId, AuditActors.Admin, (stored, now) => BreachDecisions.Update(stored, text, now), ct));

    public async Task<BreachResult> CloseAsync(string breachId, string summary, CancellationToken ct) =>
        Map(await changes.ApplyAsync(kind, breachId, AuditActors.Admin, (stored, now) => BreachDecisions.Close(stored, summary, now), ct));

    private async Task<HashSet<string>> CustomerIdsAsync(CancellationToken ct)
    {
        var table = await storage.TableAsync(StorageNames.Tables.Customers, ct);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Aggregate eq {CustomerKind.Type}"), select: ["PartitionKey"], cancellationToken: ct))
            ids.Add(row.PartitionKey);
        return ids;
    }

    private static BreachResult Map(ChangeResult<Breach> result, bool created = false) => result.Outcome switch
    {
        ChangeOutcome.Changed => new BreachResult(created ? BreachOutcome.Created : BreachOutcome.Changed, result.Stored),
        ChangeOutcome.Unchanged => new BreachResult(BreachOutcome.Repeated, result.Stored),
        ChangeOutcome.NotFound => new BreachResult(BreachOutcome.NotFound, null),
        ChangeOutcome.Refused => new BreachResult(BreachOutcome.Conflict, result.Stored, Detail: result.Error),
        _ => new BreachResult(BreachOutcome.Busy, null, Detail: "The breach is being changed concurrently; retry."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Breach {BreachId} opened from {Source}")]
    private static partial void LogOpened(ILogger logger, string breachId, string source);
}

/// <summary>A breach's ETag is its version: <c>"{version}"</c>; PATCH must send it back in <c>If-Match</c>.</summary>
public static class BreachETag
{
    public static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static long? Version(string ifMatch) =>
        ifMatch.Length > 2 && ifMatch[0] == '"' && ifMatch[^1] == '"' && long.TryParse(ifMatch[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
